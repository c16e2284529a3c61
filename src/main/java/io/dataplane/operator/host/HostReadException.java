package io.dataplane.operator.host;

/** A read the kernel refused, e.g. {@code speed} of a link that is down answers EINVAL. */
public class HostReadException extends HostIoException {

    public HostReadException(String path, Errno errno, String detail, Throwable cause) {
        super("read", path, errno, detail, cause);
    }
}
