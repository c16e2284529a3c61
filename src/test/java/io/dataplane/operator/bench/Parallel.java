package io.dataplane.operator.bench;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs one API call per item with at most {@code concurrency} in flight — the "bounded-concurrency
 * client" both the workload apply and the write floor use, so the two are comparable. A call that
 * fails on a timeout, 429 or 5xx (a loaded 2-core API server) is retried up to three times; retries
 * are counted, never hidden.
 */
final class Parallel {
    private final int concurrency;
    private final AtomicInteger retries = new AtomicInteger();

    Parallel(int concurrency) {
        this.concurrency = concurrency;
    }

    int concurrency() {
        return concurrency;
    }

    /** Returns the elapsed nanoseconds. Throws the first failure after all calls ended. */
    <T> long run(Collection<T> items, Consumer<T> call) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(concurrency, items.size())), r -> {
            Thread t = new Thread(r, "bench-client");
            t.setDaemon(true);
            return t;
        });
        long t0 = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(pool.submit(() -> withRetries(() -> call.accept(item))));
            }
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (first != null) {
                throw first;
            }
            return System.nanoTime() - t0;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Retries so far (reported next to the figures). */
    int retries() {
        return retries.get();
    }

    private void withRetries(Runnable call) {
        for (int attempt = 1;; attempt++) {
            try {
                call.run();
                return;
            } catch (KubernetesClientException e) {
                boolean transient_ = e.getCode() == 0 || e.getCode() == 429 || e.getCode() >= 500;
                if (!transient_ || attempt >= 4) {
                    throw e;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(200L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
