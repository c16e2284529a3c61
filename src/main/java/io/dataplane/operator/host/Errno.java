package io.dataplane.operator.host;

import java.util.Locale;

/**
 * The kernel error numbers the agent meets when it reads or writes sysfs, with the strerror text
 * glibc prints for each. java.nio reports a failed write(2) only with that text, so {@link
 * #fromMessage} maps it back to a name the agent can act on.
 */
public enum Errno {
    EPERM("Operation not permitted"),
    ENOENT("No such file or directory"),
    EIO("Input/output error"),
    ENXIO("No such device or address"),
    ENOMEM("Cannot allocate memory"),
    EACCES("Permission denied"),
    EBUSY("Device or resource busy"),
    EEXIST("File exists"),
    ENODEV("No such device"),
    EINVAL("Invalid argument"),
    ENOSPC("No space left on device"),
    ERANGE("Numerical result out of range"),
    EOPNOTSUPP("Operation not supported"),
    /** A message this table does not know; the original text is kept in the exception. */
    UNKNOWN("Unknown error");

    private final String message;

    Errno(String message) {
        this.message = message;
    }

    /** The strerror(3) text, as a kernel error reaches Java. */
    public String message() {
        return message;
    }

    /**
     * Finds the errno whose strerror text the message contains. java.nio puts the text either
     * alone ("Device or resource busy") or after the file name ("/sys/...: Device or resource
     * busy"), so a containment test covers both.
     */
    public static Errno fromMessage(String text) {
        if (text == null) {
            return UNKNOWN;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (Errno e : values()) {
            if (e != UNKNOWN && lower.contains(e.message.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        return UNKNOWN;
    }
}
