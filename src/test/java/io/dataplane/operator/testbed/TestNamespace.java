package io.dataplane.operator.testbed;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A namespace created for one test class and deleted after it (the extension
 * keeps it in the class-level store, which closes it). Names look like
 * {@code it-controlplaneit-x7k2q}, so leftovers are easy to spot.
 */
public final class TestNamespace implements AutoCloseable {

    /** Label on every test namespace, e.g. to list or clean them up. */
    public static final String LABEL = "testbed.dataplane.io/test-class";

    private final KubernetesClient client;
    private final String name;

    private TestNamespace(KubernetesClient client, String name) {
        this.client = client;
        this.name = name;
    }

    static TestNamespace create(KubernetesClient client, Class<?> testClass) {
        String base = testClass.getSimpleName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        if (base.length() > 40) {
            base = base.substring(0, 40);
        }
        String name = "it-" + base.replaceAll("-+$", "") + "-" + randomSuffix();
        client.resource(new NamespaceBuilder().withNewMetadata().withName(name)
                .addToLabels(LABEL, base.replaceAll("-+$", "")).endMetadata().build()).create();
        return new TestNamespace(client, name);
    }

    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return name;
    }

    /** Deletes the namespace without waiting (kube-controller-manager empties it). */
    @Override
    public void close() {
        client.namespaces().withName(name).delete();
    }

    private static String randomSuffix() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
