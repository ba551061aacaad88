package org.losslab.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.losslab.data.MnistData;
import org.losslab.experiment.Training;
import org.losslab.io.AtomicFiles;

/**
 * What a search folder is bound to ({@value #FILE}): the spec, as far as it decides the candidates and their
 * training, and the data's checksums. A search started again in the same folder resumes it only when both are the
 * same; {@code maxMinutes} may differ (it decides when to stop, not what is trained).
 */
final class SearchFolder {

    /** The record's file in the search folder. */
    static final String FILE = "search.json";
    private static final long MAX_BYTES = 1L << 20;
    private static final ObjectMapper JSON = org.losslab.io.StrictJson.mapper();

    private SearchFolder() {
    }

    /** {@return what a folder of this search is bound to} */
    @SuppressWarnings("unchecked")
    static Map<String, Object> state(SearchSpec spec, MnistData data) throws IOException {
        Map<String, Object> state = JSON.readValue(spec.toJson(), LinkedHashMap.class);
        state.remove("maxMinutes");
        state.put("sample", data.location().isSample());
        state.put("md5", Training.md5(data));
        return state;
    }

    /**
     * Refuses a folder that holds another search's record, or a file there that is no search record.
     *
     * @throws Search.OtherSettingsException listing what differs
     */
    static void check(Path folder, Map<String, Object> state) throws IOException {
        List<String> differences = org.losslab.io.FolderRecord.differences(folder.resolve(FILE), state, "search",
                "remove the folder or give another one", MAX_BYTES);
        if (!differences.isEmpty()) {
            throw new Search.OtherSettingsException(folder, String.join("; ", differences));
        }
    }

    /** Binds {@code folder} to {@code state}. */
    static void write(Path folder, Map<String, Object> state) throws IOException {
        AtomicFiles.writeString(folder.resolve(FILE), JSON.writerWithDefaultPrettyPrinter()
                .writeValueAsString(state));
    }
}
