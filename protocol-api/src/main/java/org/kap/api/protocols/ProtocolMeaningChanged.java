package org.kap.api.protocols;

import org.kap.core.protocol.ProtocolMeaning;

import java.util.List;
import java.util.stream.Collectors;

/**
 * What this engine compiles a published version's text to is not what it meant when it was published (the compiler
 * changed under it): the engine decides nothing under it (503) and names the rules that would decide otherwise.
 */
public class ProtocolMeaningChanged extends RuntimeException {

    private final transient List<ProtocolMeaning.Difference> differences;

    public ProtocolMeaningChanged(String version, List<ProtocolMeaning.Difference> differences) {
        super(version + ": this engine reads its text otherwise than it was read at publication ("
                + differences.stream().map(d -> d.entry() + " " + d.change()).collect(Collectors.joining(", "))
                + "); nothing is decided under it until the version is reviewed (docs/dsl.md, \"What a published version means\")");
        this.differences = List.copyOf(differences);
    }

    public List<ProtocolMeaning.Difference> differences() {
        return differences;
    }
}
