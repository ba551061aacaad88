package org.losslab.io;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The JSON record that binds a lecture or search folder to its settings and data: what differs between the record a
 * folder holds and the one a run would write, so that a run of other settings is refused rather than mixed in.
 */
public final class FolderRecord {

    private static final ObjectMapper JSON = StrictJson.mapper();

    private FolderRecord() {
    }

    /**
     * Compares the record in {@code file} with {@code state}.
     *
     * @param file     the folder's record ({@code lecture.json}, {@code search.json}); none is no difference
     * @param state    the record a run would write
     * @param what     what the record is of, for messages: {@code lecture}, {@code search}
     * @param hint     what to do with a file that is no such record, e.g. {@code remove the folder or use another
     *                 name}
     * @param maxBytes the largest record read
     * @return each difference as {@code key old then, new now}; empty when the records agree or there is none
     * @throws IllegalArgumentException naming the file when it is not such a record
     */
    @SuppressWarnings("unchecked")
    public static List<String> differences(Path file, Map<String, Object> state, String what, String hint,
                                           long maxBytes) throws IOException {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        Map<String, Object> stored;
        try {
            if (Files.size(file) > maxBytes) {
                throw new IllegalArgumentException(file + ": larger than " + Bounded.bytes(maxBytes) + "; not a "
                        + what + " record (" + hint + ")");
            }
            stored = JSON.readValue(Files.readString(file), Map.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a " + what + " record (" + e.getMessage().lines()
                    .findFirst().orElse("") + "); " + hint, e);
        }
        if (stored == null) {
            throw new IllegalArgumentException(file + ": holds null, not a " + what + " record (" + hint + ")");
        }
        Map<String, Object> now = JSON.readValue(JSON.writeValueAsString(state), Map.class);
        List<String> differences = new ArrayList<>();
        for (String key : now.keySet()) {
            if (!Objects.equals(now.get(key), stored.get(key))) {
                differences.add(key + " " + stored.get(key) + " then, " + now.get(key) + " now");
            }
        }
        return differences;
    }
}
