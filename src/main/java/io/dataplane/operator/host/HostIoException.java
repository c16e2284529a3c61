package io.dataplane.operator.host;

/**
 * A host read or write the kernel refused. Carries the errno so callers can tell "busy, go
 * through 0" (EBUSY) from "too many" (ERANGE) without parsing messages.
 */
public class HostIoException extends RuntimeException {

    private final String path;
    private final Errno errno;

    public HostIoException(String operation, String path, Errno errno, String detail, Throwable cause) {
        super(operation + " " + path + ": " + errno + " (" + (detail != null ? detail : errno.message()) + ")", cause);
        this.path = path;
        this.errno = errno;
    }

    /** The host path (as the agent named it, without the root prefix). */
    public String path() {
        return path;
    }

    public Errno errno() {
        return errno;
    }
}
