package io.dataplane.operator.api.v1alpha1;

/** Names shared by every kind of the API. */
public final class ApiGroup {
    public static final String GROUP = "nfv.dataplane.io";
    public static final String VERSION = "v1alpha1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    /** kubectl category: {@code kubectl get nfv} lists every kind. */
    public static final String CATEGORY = "nfv";

    private ApiGroup() {
    }
}
