package org.losslab.bench;

import java.nio.file.Path;
import java.util.Locale;
import org.losslab.data.Idx;
import org.losslab.model.Predictor;

/** In-process throughput of {@link Predictor} on an IDX images file (run by {@code bench/predict.sh}). */
public final class PredictBenchmark {

    private PredictBenchmark() {
    }

    public static void main(String[] args) {
        Predictor predictor = Predictor.load(Path.of(args[0]));
        Idx.Images images = Idx.readImages(Path.of(args[1]));
        float[][] rows = new float[images.count()][images.size()];
        for (int i = 0; i < images.count(); i++) {
            for (int j = 0; j < images.size(); j++) {
                rows[i][j] = images.pixels()[i * images.size() + j] & 0xff;
            }
        }
        for (int round = 0; round < 4; round++) {
            long start = System.nanoTime();
            int predicted = predictor.predict(rows).size();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "in-process round %d: %d images in %.3f s = %.0f images/s%s%n", round,
                    predicted, seconds, predicted / seconds, round == 0 ? " (warm-up)" : "");
        }
    }
}
