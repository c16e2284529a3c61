package io.dataplane.operator.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@link HostFs} on a real directory: the host root mounted in the agent pod ({@code /host}), or a
 * temporary directory holding a fake tree. Host path {@code /sys/x} is {@code root/sys/x}; links
 * inside the tree are relative (as sysfs's are), so they resolve inside the root.
 */
public final class RootedHostFs implements HostFs {

    private final Path root;

    public RootedHostFs(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The real path of a host path under the root. Rejects paths that climb out of the root. */
    public Path resolve(String hostPath) {
        String relative = hostPath.startsWith("/") ? hostPath.substring(1) : hostPath;
        if (!relative.contains("..") && !relative.startsWith("/")) {
            return root.resolve(relative); // stays below the root as it is: no normalising (the agent's reads are many)
        }
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("path escapes the host root: " + hostPath);
        }
        return p;
    }

    @Override
    public String read(String path) {
        try {
            return Files.readString(resolve(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new HostReadException(path, errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public void write(String path, String value) {
        Path p = resolve(path);
        // Files.exists first: WRITE without CREATE already fails on a missing file, but with
        // NoSuchFileException only on some paths through the JDK; make ENOENT explicit.
        if (!Files.exists(p)) {
            throw new HostWriteException(path, value, Errno.ENOENT, null, null);
        }
        try {
            // One write(2) of the whole value: sysfs store callbacks see exactly what one write gives.
            Files.write(p, value.getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new HostWriteException(path, value, errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public void writeFile(String path, String content) {
        Path p = resolve(path);
        try {
            Files.createDirectories(p.getParent());
            Path tmp = p.resolveSibling("." + p.getFileName() + ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HostWriteException(path, content, errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public boolean delete(String path) {
        try {
            return Files.deleteIfExists(resolve(path));
        } catch (IOException e) {
            throw new HostWriteException(path, "", errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public List<String> list(String dir) {
        Path p = resolve(dir);
        if (!Files.isDirectory(p)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new HostReadException(dir, errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public Optional<String> readLink(String path) {
        try {
            return Optional.of(Files.readSymbolicLink(resolve(path)).toString());
        } catch (NoSuchFileException | NotLinkException e) {
            return Optional.empty();
        } catch (IOException e) {
            if (errnoOf(e) == Errno.EINVAL) {
                return Optional.empty(); // readlink(2) on a regular file
            }
            throw new HostReadException(path, errnoOf(e), reasonOf(e), e);
        }
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    /** Maps what java.nio threw to the errno the kernel gave. */
    static Errno errnoOf(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        return Errno.fromMessage(reasonOf(e));
    }

    private static String reasonOf(IOException e) {
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage();
    }
}
