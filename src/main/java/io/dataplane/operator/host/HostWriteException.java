package io.dataplane.operator.host;

/** A write the kernel refused, e.g. EBUSY from {@code sriov_numvfs} or ERANGE above totalvfs. */
public class HostWriteException extends HostIoException {

    private final String value;

    public HostWriteException(String path, String value, Errno errno, String detail, Throwable cause) {
        super("write '" + value.strip() + "' to", path, errno, detail, cause);
        this.value = value;
    }

    /** The value that was written. */
    public String value() {
        return value;
    }
}
