package io.dataplane.operator.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Counts the sockets a process opens over a phase by sampling its file descriptors every 50 ms
 * ({@code /proc/<pid>/fd/* -> socket:[inode]}): each new inode is a new connection. A client that keeps
 * its connections alive opens a handful; one that reconnects per request opens thousands, and pays a
 * TLS handshake for each.
 */
final class SocketCounter implements AutoCloseable {
    private final long pid;
    private final Set<String> seen = new HashSet<>();
    private final Thread sampler;
    private volatile boolean running = true;
    private int maxOpen;

    SocketCounter(long pid) {
        this.pid = pid;
        sample();
        this.sampler = new Thread(this::loop, "socket-counter");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void loop() {
        while (running) {
            sample();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private synchronized void sample() {
        int open = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:")) {
                        seen.add(target);
                        open++;
                    }
                } catch (IOException e) {
                    // closed between listing and reading
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        maxOpen = Math.max(maxOpen, open);
    }

    /** Distinct sockets seen since the start (including those open at the start). */
    synchronized int opened() {
        return seen.size();
    }

    synchronized int maxOpen() {
        return maxOpen;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
