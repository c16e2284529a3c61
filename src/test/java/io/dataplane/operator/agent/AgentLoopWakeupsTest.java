package io.dataplane.operator.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.dataplane.operator.agent.cluster.StatusWriter;
import io.dataplane.operator.api.v1alpha1.NfvNodeState;
import io.dataplane.operator.api.v1alpha1.SyncStatus;
import io.dataplane.operator.host.sim.FakeHostBuilder;
import io.dataplane.operator.host.sim.HardwareProfile;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * What may start a reconcile while one runs. Anything queued then runs at once after it, which after a
 * failure is a retry without backoff: seen in CI as a failed drain retried nine times in 33 s, whose
 * counted failures then pushed the next retry five minutes out, past the test's patience.
 */
class AgentLoopWakeupsTest {
    static final KubernetesSerialization JSON = new KubernetesSerialization();

    @TempDir
    Path dir;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    /** The watch event of the agent's own status write can come in before the write's response. */
    @Test
    void anEchoThatBeatsTheWriteResponseStartsNoReconcile() throws Exception {
        AgentHarness h = new AgentHarness(dir, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0));
        // A PF this host does not have: the reconcile fails.
        h.spec("interfaces: [{pciAddress: \"0000:99:00.0\", numVfs: 4}]");
        AtomicReference<AgentLoop> loop = new AtomicReference<>();
        AtomicReference<SyncStatus> written = new AtomicReference<>();
        StatusWriter echoFirst = (name, status) -> {
            written.set(status.getSyncStatus());
            NfvNodeState echo = JSON.clone(h.state);
            echo.setStatus(status);
            echo.getMetadata().setResourceVersion(String.valueOf(Long.parseLong(h.state.getMetadata().getResourceVersion()) + 1));
            loop.get().onState(echo); // the informer delivers the event before the response is read
            return echo;
        };
        try (AgentLoop l = new AgentLoop(h.agent, echoFirst, null, null, Runnable::run, timer, Duration.ofMinutes(5))) {
            loop.set(l);
            l.onState(JSON.clone(h.state));
            await().atMost(Duration.ofSeconds(10)).until(() -> l.statusWrites() == 1);
            assertThat(written.get()).isEqualTo(SyncStatus.FAILED);
            Thread.sleep(1000); // well below the first backoff (5 s)
            assertThat(l.reconciles()).as("one reconcile; the retry waits for its backoff").isEqualTo(1);
            assertThat(l.statusWrites()).isEqualTo(1);
        }
    }

    /** A resync or retry timer that fires during a reconcile (say, a long drain) is covered by that reconcile. */
    @Test
    void aTimerThatFiresDuringAReconcileQueuesNoOther() throws Exception {
        AgentHarness h = new AgentHarness(dir, () -> FakeHostBuilder.bareMetal().nic(HardwareProfile.INTEL_E810, 0));
        AtomicReference<AgentLoop> loop = new AtomicReference<>();
        AtomicReference<SyncStatus> written = new AtomicReference<>();
        AtomicLong reconcilesAtFailure = new AtomicLong(-1);
        StatusWriter slow = (name, status) -> {
            if (status.getSyncStatus() == SyncStatus.FAILED) {
                reconcilesAtFailure.set(loop.get().reconciles());
                sleep(600); // the reconcile is still running when the resync timer fires
            }
            written.set(status.getSyncStatus());
            NfvNodeState w = JSON.clone(h.state);
            w.setStatus(status);
            return w;
        };
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try (AgentLoop l = new AgentLoop(h.agent, slow, null, null, worker, timer, Duration.ofMillis(200))) {
            loop.set(l);
            l.onState(JSON.clone(h.state));
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() == SyncStatus.SUCCEEDED);
            // The next resync is due in 200 ms. A new spec that fails starts a reconcile before that.
            h.spec("interfaces: [{pciAddress: \"0000:99:00.0\", numVfs: 4}]");
            NfvNodeState failing = JSON.clone(h.state);
            failing.getMetadata().setResourceVersion("2");
            l.onState(failing);
            await().atMost(Duration.ofSeconds(10)).until(() -> written.get() == SyncStatus.FAILED);
            Thread.sleep(1500); // the resync fired during the failing reconcile; the retry is 5 s out
            assertThat(l.reconciles()).as("no reconcile between the failure and its backoff").isEqualTo(reconcilesAtFailure.get());
        } finally {
            worker.shutdownNow();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
