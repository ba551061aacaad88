package org.losslab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Inside the core module, the packages depend one way: each uses only packages of a lower layer. Between modules,
 * Maven's dependencies are the walls (search, ui, lecture and cli are modules of their own, which core cannot see).
 */
class ArchitectureTest {

    private static final Map<String, Integer> LAYER = Map.ofEntries(Map.entry("io", 0), Map.entry("nd4j", 0), Map.entry("information", 0),
            Map.entry("preset", 1), Map.entry("report", 2), Map.entry("model", 2), Map.entry("data", 2),
            Map.entry("experiment", 3));

    @Test
    void packagesDependOneWay() throws IOException {
        Path root = Path.of("src/main/java/org/losslab");
        Pattern reference = Pattern.compile("org\\.losslab\\.([a-z]+)\\.");
        List<String> violations = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String own = root.relativize(file).getName(0).toString();
                assertThat(LAYER).as("layer of package %s", own).containsKey(own);
                Matcher matcher = reference.matcher(Files.readString(file));
                while (matcher.find()) {
                    String used = matcher.group(1);
                    if (!used.equals(own) && LAYER.containsKey(used) && LAYER.get(used) >= LAYER.get(own)) {
                        violations.add(root.relativize(file) + " uses " + used);
                    }
                }
            }
        }
        assertThat(violations).isEmpty();
    }
}
