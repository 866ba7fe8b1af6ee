package org.kap.api.protocols;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Whether an activation needs a second person's signature. On by default; a one-person clinic turns it off
 * ({@code kap.protocols.second-signature=false}), and each activation then records the one person as both.
 */
@Component
public class PublicationPolicy {

    private final boolean secondSignature;

    public PublicationPolicy(@Value("${kap.protocols.second-signature:true}") boolean secondSignature) {
        this.secondSignature = secondSignature;
    }

    public boolean secondSignature() {
        return secondSignature;
    }
}
