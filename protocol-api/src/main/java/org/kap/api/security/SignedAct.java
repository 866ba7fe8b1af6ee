package org.kap.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler whose act is signed (21 CFR 11.50): SignedActs requires the signer to re-authenticate before it
 * runs, whatever spelling of the path reached it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface SignedAct {

    /** The signature's meaning: approval, responsibility, review or authorship. */
    String value();
}
