package io.dataplane.operator.bench;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment that gives a process started by the benchmark the cluster connection of a
 * kubeconfig the way a pod gets its own: server, token and CA as values (fabric8 reads
 * {@code KUBERNETES_*}), no kubeconfig file to parse.
 */
final class InClusterEnv {
    private InClusterEnv() {
    }

    static Map<String, String> of(Path kubeconfig) {
        Config c;
        try {
            c = Config.fromKubeconfig(Files.readString(kubeconfig));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (c.getAutoOAuthToken() == null && c.getOauthToken() == null) {
            throw new IllegalArgumentException(kubeconfig + " has no token: the benchmark's identities are tokens");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KUBECONFIG", "/dev/null/none"); // no file, whatever the benchmark's own environment says
        env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
        env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
        env.put("KUBERNETES_MASTER", c.getMasterUrl());
        env.put("KUBERNETES_AUTH_TOKEN", c.getOauthToken() != null ? c.getOauthToken() : c.getAutoOAuthToken());
        if (c.getCaCertData() != null) {
            env.put("KUBERNETES_CERTS_CA_DATA", c.getCaCertData());
        } else if (c.getCaCertFile() != null) {
            env.put("KUBERNETES_CERTS_CA_FILE", c.getCaCertFile());
        }
        return env;
    }
}
