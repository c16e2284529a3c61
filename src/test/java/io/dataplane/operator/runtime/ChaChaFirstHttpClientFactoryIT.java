package io.dataplane.operator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.dataplane.operator.testbed.ControlPlane;
import io.dataplane.operator.testbed.WithControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.internal.SSLUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The TLS the agent's client ends up with against a real kube-apiserver. */
@WithControlPlane
class ChaChaFirstHttpClientFactoryIT {
    @Test
    void kubeApiserverNegotiatesChaCha20WithTheAgentsClient(ControlPlane cp) throws Exception {
        Config config = cp.client().getConfiguration();
        // For the record: what the JDK's defaults get (AES-GCM where the server has AES hardware).
        System.out.println("without the factory: " + cipherSuite(config, false));
        assertThat(cipherSuite(config, true)).isEqualTo("TLS_CHACHA20_POLY1305_SHA256");
    }

    /** The suite of one request's TLS session (HTTP/1.1: a bare JDK client's HTTP/2 request got a GOAWAY here). */
    private static String cipherSuite(Config config, boolean chachaFirst) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(SSLUtils.sslContext(config));
        if (chachaFirst) {
            new ChaChaFirstHttpClientFactory(config).additionalConfig(builder);
        }
        HttpResponse<Void> response = builder.build().send(
                HttpRequest.newBuilder(URI.create(config.getMasterUrl()).resolve("/version")).build(),
                HttpResponse.BodyHandlers.discarding());
        return response.sslSession().orElseThrow().getCipherSuite();
    }
}
