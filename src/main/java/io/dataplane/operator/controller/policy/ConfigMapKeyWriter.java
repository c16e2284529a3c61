package io.dataplane.operator.controller.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Writes keys of one ConfigMap that many threads update at once (one key per node). Concurrent callers'
 * keys are merged into one JSON merge patch at a time: the first caller writes the batch and every batch
 * that queues up while it does, the others wait for the batch holding their keys. One writer at a time
 * means the API server never has to retry conflicting updates of the same object (which, at hundreds of
 * nodes, ended in 504s and a cache that lagged behind), and one patch carries many keys.
 *
 * <p>Patches go without the GET that fabric8's {@code withName(..).patch(..)} does first (the map is
 * large: ~650 B per node); the map is created on the first 404.
 */
public class ConfigMapKeyWriter {
    private final KubernetesClient client;
    private final ConfigMap stub;
    private final Map<String, String> labels;

    private final Object lock = new Object();
    /** Keys waiting for the next patch; a null value removes the key. */
    private Map<String, String> pending = new LinkedHashMap<>();
    private CompletableFuture<Void> pendingWritten;
    private boolean writing;

    public ConfigMapKeyWriter(KubernetesClient client, String namespace, String name, Map<String, String> labels) {
        this.client = client;
        this.stub = new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata().build();
        this.labels = Map.copyOf(labels);
    }

    /** Sets (or, for a null value, removes) the keys; returns once a patch holding them was accepted. */
    public void write(Map<String, String> keys) {
        CompletableFuture<Void> written;
        boolean leader;
        synchronized (lock) {
            pending.putAll(keys);
            if (pendingWritten == null) {
                pendingWritten = new CompletableFuture<>();
            }
            written = pendingWritten;
            leader = !writing;
            writing = true;
        }
        if (leader) {
            drain();
        }
        try {
            written.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    private void drain() {
        while (true) {
            Map<String, String> batch;
            CompletableFuture<Void> written;
            synchronized (lock) {
                if (pending.isEmpty()) {
                    writing = false;
                    return;
                }
                batch = pending;
                written = pendingWritten;
                pending = new LinkedHashMap<>();
                pendingWritten = null;
            }
            try {
                patchOrCreate(batch);
                written.complete(null);
            } catch (RuntimeException e) {
                // Everyone waiting for this batch fails and retries through its reconcile.
                written.completeExceptionally(e);
            }
        }
    }

    private void patchOrCreate(Map<String, String> batch) {
        try {
            patch(batch);
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
            Map<String, String> data = new LinkedHashMap<>(batch);
            data.values().removeIf(v -> v == null);
            try {
                client.configMaps().resource(new ConfigMapBuilder(stub).editMetadata().withLabels(labels).endMetadata()
                        .withData(data).build()).create();
            } catch (KubernetesClientException c) {
                if (c.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw c;
                }
                patch(batch); // created by someone else in between
            }
        }
    }

    private void patch(Map<String, String> batch) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        ObjectNode data = patch.putObject("data");
        batch.forEach((k, v) -> {
            if (v == null) {
                data.putNull(k);
            } else {
                data.put(k, v);
            }
        });
        client.configMaps().resource(stub).patch(PatchContext.of(PatchType.JSON_MERGE), patch.toString());
    }
}
