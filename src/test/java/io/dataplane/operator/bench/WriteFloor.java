package io.dataplane.operator.bench;

import io.dataplane.operator.api.cni.NetworkAttachmentDefinition;
import io.dataplane.operator.api.v1alpha1.NfvNetwork;
import io.dataplane.operator.api.v1alpha1.NfvNodePolicy;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The write floor: what the scenario's writes cost when a bare fabric8 client makes each of them once,
 * with the same concurrency, on the same API server, right after the operator converged it. Every
 * object the converged cluster holds is written again under a new name, at its final size:
 *
 * <ul>
 *   <li>the user's part: the NfvNetworks and the five NfvNodePolicies (creates);
 *   <li>per network: its NetworkAttachmentDefinition (create) and its status (one merge patch);
 *   <li>per node: its NfvNodeState spec (create) and status (one merge patch) — the operator and the
 *       agent each must write once;
 *   <li>the device plugin ConfigMaps, holding a key per node: one create each at its final size
 *       (writing them key by key, as the operator does, is a cost of that design, not of the API:
 *       patches of one object contend on it and each rewrites all of it);
 *   <li>per policy: its status (one merge patch).
 * </ul>
 *
 * Two rounds, the second needing the first's objects: creates, then what depends on them. The
 * operator and the agents are stopped meanwhile, so nothing else reacts to these writes.
 */
final class WriteFloor {
    record Result(int writes, double seconds, double createSeconds, double patchSeconds, int retries) {
    }

    private WriteFloor() {
    }

    static Result run(KubernetesClient client, Parallel parallel, String nsPrefix, int namespaceCount,
            Collection<NfvNetwork> networks, Collection<NetworkAttachmentDefinition> nads, Collection<NfvNodeState> states,
            List<ConfigMap> devicePlugin, Collection<NfvNodePolicy> policies) {
        List<String> namespaces = Workload.namespaces(nsPrefix, namespaceCount);
        parallel.run(namespaces, ns -> client.namespaces().resource(
                new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create());
        Map<String, String> nsOf = new HashMap<>();
        List<String> sourceNamespaces = networks.stream().map(n -> n.getMetadata().getNamespace()).distinct().sorted().toList();
        for (int i = 0; i < sourceNamespaces.size(); i++) {
            nsOf.put(sourceNamespaces.get(i), namespaces.get(i % namespaces.size()));
        }
        String cmNamespace = namespaces.get(0);
        int retriesBefore = parallel.retries();

        // Round 1: creates. Network uids are needed for the NADs' owner references.
        Map<String, String> networkUid = new ConcurrentHashMap<>();
        List<Runnable> creates = new ArrayList<>();
        for (NfvNetwork n : networks) {
            creates.add(() -> {
                NfvNetwork copy = new NfvNetwork();
                copy.setMetadata(meta(n.getMetadata().getName(), nsOf.get(n.getMetadata().getNamespace())));
                copy.setSpec(n.getSpec());
                NfvNetwork created = client.resource(copy).create();
                networkUid.put(key(n.getMetadata().getNamespace(), n.getMetadata().getName()), created.getMetadata().getUid());
            });
        }
        for (NfvNodePolicy p : policies) {
            creates.add(() -> {
                NfvNodePolicy copy = new NfvNodePolicy();
                copy.setMetadata(meta("floor-" + p.getMetadata().getName(), null));
                copy.setSpec(p.getSpec());
                client.resource(copy).create();
            });
        }
        for (NfvNodeState s : states) {
            creates.add(() -> {
                NfvNodeState copy = new NfvNodeState();
                ObjectMeta m = meta("floor-" + s.getMetadata().getName(), null);
                m.setOwnerReferences(s.getMetadata().getOwnerReferences());
                copy.setMetadata(m);
                copy.setSpec(s.getSpec());
                client.resource(copy).create();
            });
        }
        for (ConfigMap cm : devicePlugin) {
            creates.add(() -> client.configMaps().inNamespace(cmNamespace).resource(new ConfigMapBuilder()
                    .withMetadata(meta("floor-" + cm.getMetadata().getName(), cmNamespace)).withData(cm.getData()).build())
                    .create());
        }
        double createSeconds = parallel.run(creates, Runnable::run) / 1e9;

        // Round 2: NADs (owned by the new networks), then every status and device plugin key.
        List<Runnable> rest = new ArrayList<>();
        for (NetworkAttachmentDefinition nad : nads) {
            rest.add(() -> {
                String sourceNs = nad.getMetadata().getNamespace();
                String uid = networkUid.get(key(sourceNs, nad.getMetadata().getName()));
                NetworkAttachmentDefinition copy = new NetworkAttachmentDefinition();
                ObjectMeta m = meta(nad.getMetadata().getName(), nsOf.get(sourceNs));
                m.setLabels(nad.getMetadata().getLabels());
                m.setAnnotations(nad.getMetadata().getAnnotations());
                if (uid != null) {
                    m.setOwnerReferences(List.of(owner(nad.getMetadata().getOwnerReferences(), uid)));
                }
                copy.setMetadata(m);
                copy.setSpec(nad.getSpec());
                client.resource(copy).create();
            });
        }
        for (NfvNetwork n : networks) {
            String body = statusPatch(client, n.getStatus());
            rest.add(() -> client.resources(NfvNetwork.class).inNamespace(nsOf.get(n.getMetadata().getNamespace()))
                    .withName(n.getMetadata().getName()).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), body));
        }
        for (NfvNodeState s : states) {
            String body = statusPatch(client, s.getStatus());
            rest.add(() -> client.resources(NfvNodeState.class).withName("floor-" + s.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), body));
        }
        for (NfvNodePolicy p : policies) {
            String body = statusPatch(client, p.getStatus());
            rest.add(() -> client.resources(NfvNodePolicy.class).withName("floor-" + p.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), body));
        }
        double patchSeconds = parallel.run(rest, Runnable::run) / 1e9;
        return new Result(creates.size() + rest.size(), createSeconds + patchSeconds, createSeconds, patchSeconds,
                parallel.retries() - retriesBefore);
    }

    private static String statusPatch(KubernetesClient client, Object status) {
        return client.getKubernetesSerialization().asJson(Map.of("status", status == null ? Map.of() : status));
    }

    private static OwnerReference owner(List<OwnerReference> original, String uid) {
        OwnerReference o = original == null || original.isEmpty() ? new OwnerReference() : original.get(0);
        return new OwnerReferenceBuilder(o).withUid(uid).build();
    }

    private static ObjectMeta meta(String name, String namespace) {
        return new ObjectMetaBuilder().withName(name).withNamespace(namespace).build();
    }

    private static String key(String ns, String name) {
        return ns + "/" + name;
    }
}
