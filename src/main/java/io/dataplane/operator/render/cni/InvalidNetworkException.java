package io.dataplane.operator.render.cni;

/** Input the CRD schema cannot reject (free-form IPAM and meta plugins), with the offending field. */
public class InvalidNetworkException extends Exception {
    private final String field;

    public InvalidNetworkException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
