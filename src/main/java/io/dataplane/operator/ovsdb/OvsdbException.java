package io.dataplane.operator.ovsdb;

/**
 * An OVSDB call failed: the server answered an error (RFC 7047 {@code error}/{@code details}),
 * an operation of a transaction failed, the call timed out, or the connection broke.
 */
public class OvsdbException extends RuntimeException {

    private final String error;

    public OvsdbException(String error, String message) {
        super(message);
        this.error = error;
    }

    public OvsdbException(String error, String message, Throwable cause) {
        super(message, cause);
        this.error = error;
    }

    /**
     * The OVSDB error string ("constraint violation", "timed out", "referential integrity
     * violation", ...), or "io error" / "timeout" / "closed" for failures on our side.
     */
    public String error() {
        return error;
    }
}
