package org.losslab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.losslab.data.DataException;
import org.losslab.data.DigitImages;
import org.losslab.data.Idx;
import org.losslab.model.Predictor;
import org.losslab.preset.Choices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code losslab predict}: classify digit images or IDX batches with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Classify handwritten digits with a saved model: PNG or JPEG images (turned grey and scaled "
                + "to 28×28) or the images of an IDX file.",
                "MNIST digits are light on dark; images with a light border (a dark digit on paper) are inverted "
                        + "unless --invert says otherwise. Digits should fill most of the picture, centred, as in MNIST.",
                "An input that cannot be read is reported and skipped; the exit code is then 1."})
final class PredictCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|FILE.zip", description = "The model.")
    Path model;

    @Parameters(paramLabel = "IMAGE", arity = "0..*", description = "PNG or JPEG files.")
    List<Path> images = new ArrayList<>();

    @Option(names = "--idx", paramLabel = "FILE", description = "An IDX images file (.gz or not): predict each image.")
    Path idx;

    @Option(names = "--invert", paramLabel = "auto|always|never", defaultValue = "auto",
            description = "Invert grey levels to MNIST's light-on-dark (default: ${DEFAULT-VALUE}).")
    String invert;

    @Option(names = "--top", defaultValue = "3", description = "How many digits to list (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (images.isEmpty() && idx == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give at least one IMAGE or --idx FILE");
        }
        if (top < 1 || top > 10) {
            throw new IllegalArgumentException("--top: must be 1 to 10, got " + top);
        }
        DigitImages.Invert mode = Choices.parse(DigitImages.Invert.class, "--invert", invert);
        Predictor predictor = Predictor.load(model);
        List<float[]> rows = new ArrayList<>();
        List<Map<String, Object>> results = new ArrayList<>();
        PrintWriter err = spec.commandLine().getErr();
        int failures = 0;
        for (Path image : images) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("input", image.toString());
            results.add(result);
            try {
                DigitImages.Digit digit = DigitImages.load(image, mode);
                result.put("inverted", digit.inverted());
                rows.add(digit.pixels());
            } catch (DataException e) {
                result.put("error", e.getMessage());
                failures++;
            }
        }
        if (idx != null) {
            try {
                Idx.Images file = Idx.readImages(idx);
                for (int i = 0; i < file.count(); i++) {
                    Map<String, Object> result = new LinkedHashMap<>();
                    result.put("input", idx + "[" + i + "]");
                    results.add(result);
                    float[] pixels = new float[file.size()];
                    for (int j = 0; j < pixels.length; j++) {
                        pixels[j] = file.pixels()[i * file.size() + j] & 0xff;
                    }
                    rows.add(pixels);
                }
            } catch (DataException e) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("input", idx.toString());
                result.put("error", e.getMessage());
                results.add(result);
                failures++;
            }
        }
        List<Predictor.Prediction> predictions = predictor.predict(rows.toArray(new float[0][]));
        int next = 0;
        for (int r = 0; r < results.size(); r++) {
            Map<String, Object> result = results.get(r);
            if (result.containsKey("error")) {
                continue;
            }
            Predictor.Prediction prediction = predictions.get(next++);
            result.put("digit", prediction.digit());
            List<Map<String, Object>> ranked = new ArrayList<>();
            for (int digit : prediction.top(top)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("digit", digit);
                entry.put("probability", prediction.probabilities()[digit]);
                ranked.add(entry);
            }
            result.put("top", ranked);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
        } else {
            for (Map<String, Object> result : results) {
                if (result.containsKey("error")) {
                    err.println("losslab: " + result.get("error"));
                    continue;
                }
                StringBuilder line = new StringBuilder(String.format("%s: %s  (", result.get("input"),
                        result.get("digit")));
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> ranked = (List<Map<String, Object>>) result.get("top");
                for (int i = 0; i < ranked.size(); i++) {
                    line.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%s %.1f%%",
                            ranked.get(i).get("digit"), 100 * (double) ranked.get(i).get("probability")));
                }
                line.append(')');
                if (Boolean.TRUE.equals(result.get("inverted"))) {
                    line.append("  [inverted: dark digit on light background]");
                }
                out.println(line);
            }
        }
        out.flush();
        err.flush();
        return failures == 0 ? 0 : 1;
    }
}
