package org.kap.api.protocols;

/** No library of value sets by that id and version has been published (404). */
public class UnknownLibraryException extends RuntimeException {
    public UnknownLibraryException(String id, int version) {
        super("no published library " + id + " v" + version);
    }
}
