package io.dataplane.operator.runtime;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The operator's KubernetesClient, in place of Quarkus's default one: the same configuration and
 * serialization (managedFields skipped, strings pooled), over {@link ChaChaFirstHttpClientFactory}
 * instead of the Vert.x client, whose Netty TLS cannot be told to prefer ChaCha20.
 */
@Singleton
public class OperatorClient {
    @Produces
    @ApplicationScoped
    KubernetesClient client(KubernetesSerialization serialization, Config config) {
        return new KubernetesClientBuilder().withConfig(config).withKubernetesSerialization(serialization)
                .withHttpClientFactory(new ChaChaFirstHttpClientFactory(config)).build();
    }

    void close(@Disposes KubernetesClient client) {
        client.close();
    }
}
