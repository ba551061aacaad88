package org.losslab.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The official nbformat 4.5 JSON schema (src/test/resources/nbformat), as a validator. */
public final class NotebookSchema {

    private static final JsonSchema SCHEMA = load();

    private NotebookSchema() {
    }

    private static JsonSchema load() {
        try (InputStream in = NotebookSchema.class.getResourceAsStream("/nbformat/nbformat.v4.5.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about a notebook's JSON text; empty when it is valid. */
    public static List<String> errors(String notebookJson) {
        try {
            JsonNode notebook = new ObjectMapper().readTree(notebookJson);
            return SCHEMA.validate(notebook).stream().map(ValidationMessage::getMessage).sorted().toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }
}
