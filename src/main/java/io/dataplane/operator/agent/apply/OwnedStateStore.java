package io.dataplane.operator.agent.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.dataplane.operator.host.HostFs;
import java.util.Optional;

/**
 * The agent's state file on the host ({@code <stateDir>/owned.json}). Written through the host
 * root like everything else, atomically, and only when its content changes.
 */
public final class OwnedStateStore {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private final HostFs fs;
    private final String path;
    private String lastWritten;

    public OwnedStateStore(HostFs fs, String stateDir) {
        this.fs = fs;
        this.path = stateDir + "/owned.json";
    }

    public String path() {
        return path;
    }

    /** The stored state, or empty when there is no file (first start, or a wiped directory). */
    public Optional<OwnedState> load() {
        Optional<String> text = fs.readIfExists(path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            OwnedState s = JSON.readValue(text.get(), OwnedState.class);
            lastWritten = serialize(s);
            return Optional.of(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable agent state file " + path + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Writes the state when it differs from what this store last read or wrote. */
    public void save(OwnedState state) {
        String text = serialize(state);
        if (text.equals(lastWritten)) {
            return;
        }
        // Owning nothing on a host never touched: leave no file behind.
        if (lastWritten == null && state.ownsNothing() && !fs.exists(path)) {
            return;
        }
        fs.writeFile(path, text);
        lastWritten = text;
    }

    private static String serialize(OwnedState s) {
        try {
            return JSON.writeValueAsString(s) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
