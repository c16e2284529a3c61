package io.dataplane.operator.agent.apply;

import io.dataplane.operator.ovsdb.OvsdbClient;
import io.dataplane.operator.ovsdb.OvsdbException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens an OVSDB connection for one reconcile (and closes it after), so an idle agent holds no
 * socket and no reader thread.
 */
public interface OvsConnector {

    /** A connection, or an {@link OvsdbException} saying why OVS cannot be reached. */
    OvsdbClient connect();

    /** No OVS on this node (simulated nodes without a database, or ovsdb-socket=none). */
    static OvsConnector none(String why) {
        return () -> {
            throw new OvsdbException("unreachable", why);
        };
    }

    /** ovsdb-server's unix socket (a real path: below the host root in the pod). */
    static OvsConnector unixSocket(Path socket, Duration timeout) {
        return () -> {
            if (!Files.exists(socket)) {
                throw new OvsdbException("unreachable", "no OVSDB socket at " + socket + " (is Open vSwitch running?)");
            }
            return OvsdbClient.connect(socket, timeout);
        };
    }
}
