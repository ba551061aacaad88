package org.losslab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.losslab.data.DataSpec;
import org.losslab.data.Dataset;
import org.losslab.data.MnistData;
import org.losslab.io.BadFileException;
import org.losslab.model.CanaryMarks;
import org.losslab.preset.NetworkSpec;
import org.mapdb.DB;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * Statistics files crafted by an attacker or damaged by bad luck: each is refused in one line naming the file, at
 * once (30 s only catches a hang), and nothing a file names is initialised or deserialized outside the allow-lists.
 */
class HostileStatsFileTest {

    private static final Duration HANG = Duration.ofSeconds(30);
    private static final String CANARY = "org.losslab.model.Canary";

    @TempDir
    static Path shared;
    static Path genuine;
    @TempDir
    Path dir;

    @BeforeAll
    static void aGenuineRun() throws IOException {
        DataSpec sample = DataSpec.of(Dataset.SAMPLE).withLimits(500, 100);
        genuine = Training.run(Experiment.of(NetworkSpec.defaults().withSeed(2), sample).withEpochs(1),
                MnistData.load(sample), shared.resolve("run"), TrainingListener.NONE).folder()
                .resolve(Training.STATS_FILE);
    }

    @AfterEach
    void nothingNamedByAFileRan() {
        assertThat(CanaryMarks.any()).as("the canary class was initialised or deserialized").isFalse();
    }

    private Path copy(String name) throws IOException {
        return Files.copy(genuine, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static void edit(Path file, java.util.function.Consumer<DB> change) {
        DB db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
        change.accept(db);
        db.commit();
        db.close();
    }

    private static void refused(Path file, String problem) {
        assertTimeoutPreemptively(HANG, () -> assertThatThrownBy(() -> StatsFiles.open(file).close())
                .isInstanceOf(BadFileException.class)
                .hasMessage(file + ": " + problem)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n")));
    }

    private static byte[] serialized(Object object) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(object);
        }
        return bytes.toByteArray();
    }

    @Test
    void theGenuineFileOpensWithItsSession() throws IOException {
        FileStatsStorage storage = StatsFiles.open(copy("genuine.dl4j"));
        try {
            assertThat(storage.listSessionIDs()).containsExactly("run");
            assertThat(storage.getAllUpdatesAfter("run", "StatsListener", "losslab", 0)).isNotEmpty();
        } finally {
            storage.close();
        }
    }

    @Test
    void aClassTableNamingAnyOtherClassIsRefusedBeforeDl4jInstantiatesIt() throws IOException {
        for (String foreign : new String[] {CANARY, "java.util.Timer"}) {
            Path file = copy("foreign.dl4j");
            edit(file, db -> db.hashMap("integerToClass", Serializer.INTEGER, Serializer.STRING).open()
                    .put(0, foreign));
            refused(file, "names the class " + foreign + ", which is not one of DL4J's statistics records; LossLab "
                    + "does not load it");
        }
    }

    @Test
    void aCatalogThatSwapsASerializerIsRefused() throws IOException {
        Path file = copy("serializer.dl4j");
        edit(file, db -> {
            SortedMap<String, String> catalog = new TreeMap<>(db.nameCatalogLoad());
            catalog.put("integerToClass#valueSerializer", "org.mapdb.Serializer#JAVA");
            db.nameCatalogSave(catalog);
        });
        refused(file, "not a DL4J statistics file: its catalog holds integerToClass#valueSerializer = "
                + "org.mapdb.Serializer#JAVA, which DL4J's statistics storage never writes");
        Path elsa = copy("elsa.dl4j");
        edit(elsa, db -> {
            SortedMap<String, String> catalog = new TreeMap<>(db.nameCatalogLoad());
            catalog.put("staticInfo#valueSerializer", "org.mapdb.DB#defaultSerializer");
            db.nameCatalogSave(catalog);
        });
        refused(elsa, "not a DL4J statistics file: its catalog holds staticInfo#valueSerializer = "
                + "org.mapdb.DB#defaultSerializer, which DL4J's statistics storage never writes");
    }

    private static int classIndex(DB db, String className) {
        Map<Integer, String> classes = db.hashMap("integerToClass", Serializer.INTEGER, Serializer.STRING).open();
        for (Map.Entry<Integer, String> e : classes.entrySet()) {
            if (e.getValue().equals(className)) {
                return e.getKey();
            }
        }
        int next = classes.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        classes.put(next, className);
        return next;
    }

    private static byte[] record(int classIndex, byte[] body) {
        return ByteBuffer.allocate(4 + body.length).putInt(classIndex).put(body).array();
    }

    @Test
    void aSearchRecordWithAForeignObjectOrClassNameIsRefused() throws IOException {
        Path hashMap = copy("record.dl4j");
        edit(hashMap, db -> {
            int index = classIndex(db, GlobalConfigPersistable.class.getName());
            try {
                rawPut(db, "staticInfo", "k", record(index, serialized(new HashMap<>(Map.of(1, 2)))));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        refused(hashMap, "a search record holds a Java object of class java.util.HashMap, which LossLab does not "
                + "deserialize");

        Path valueClass = dir.resolve("arbiter.dl4j");
        FileStatsStorage storage = new FileStatsStorage(valueClass.toFile());
        storage.putStaticInfo(new GlobalConfigPersistable.Builder().sessionId("s").timestamp(1)
                .optimizationConfigJson("{\"candidateGenerator\": {\"parameterSpace\": {\"@class\": "
                        + "\"org.deeplearning4j.arbiter.optimize.parameter.FixedValue\", \"@valueclass\": \""
                        + CANARY + "\", \"value\": {}}}}").build());
        storage.close();
        refused(valueClass, "the search configuration inside: names the class " + CANARY + ", which LossLab does not "
                + "load from a file (allowed: org.deeplearning4j.arbiter.*, org.deeplearning4j.nn.*, "
                + "org.nd4j.linalg.*, org.losslab.preset.*, org.losslab.search.*, java.lang.String, java.lang.Double, java.lang.Integer, "
                + "java.lang.Long, java.lang.Float, java.lang.Boolean)");

        Path dataSource = dir.resolve("data-source.dl4j");
        FileStatsStorage other = new FileStatsStorage(dataSource.toFile());
        other.putStaticInfo(new GlobalConfigPersistable.Builder().sessionId("s").timestamp(1)
                .optimizationConfigJson("{\"dataSource\": \"java.util.Timer\"}").build());
        other.close();
        assertThatThrownBy(() -> StatsFiles.open(dataSource)).isInstanceOf(BadFileException.class)
                .hasMessageStartingWith(dataSource + ": the search configuration inside: names the class "
                        + "java.util.Timer, which LossLab does not load from a file");
    }

    /** Writes raw bytes as a key, reads the genuine file's keys as DL4J wrote them (trusted, in the test). */
    private static final class RawKeys implements Serializer<Object> {
        @Override
        public void serialize(org.mapdb.DataOutput2 out, Object value) throws IOException {
            if (value instanceof byte[] raw) {
                out.write(raw);
            } else {
                ObjectOutputStream objects = new ObjectOutputStream(out);
                objects.writeObject(value);
                objects.flush();
            }
        }

        @Override
        public Object deserialize(org.mapdb.DataInput2 in, int available) throws IOException {
            try {
                return new java.io.ObjectInputStream(new org.mapdb.DataInput2.DataInputToStream(in)).readObject();
            } catch (ClassNotFoundException e) {
                throw new IOException(e);
            }
        }
    }

    private Path withCanaryKey(String name) throws IOException {
        Path file = copy(name);
        byte[] canary = org.losslab.model.HostileBytes.canary();
        edit(file, db -> {
            Map<Object, byte[]> meta = db.hashMap("storageMetaData", new RawKeys(), Serializer.BYTE_ARRAY_NOSIZE)
                    .open();
            byte[] value = meta.values().iterator().next();
            rawPut(db, "storageMetaData", canary, value);
        });
        return file;
    }

    /**
     * Puts a record as the bytes say. MapDB checks its first put by reading the key back, which would deserialize
     * a crafted key in the test itself: a harmless key takes that check first.
     */
    private static void rawPut(DB db, String map, Object key, byte[] value) {
        Map<Object, byte[]> records = db.hashMap(map, new RawKeys(), Serializer.BYTE_ARRAY_NOSIZE).open();
        records.put("warm-up", value);
        records.remove("warm-up");
        records.put(key, value);
    }

    @Test
    void aKeyOfAForeignClassIsRefusedBeforeItIsLoaded() throws IOException {
        Path file = withCanaryKey("key.dl4j");
        refused(file, "a key holds a Java object of class " + CANARY + ", which LossLab does not deserialize");
    }

    /** Past LossLab's check (DL4J's FileStatsStorage opened directly): the JEP 415 factory filters DL4J's own read. */
    @Test
    void dl4jsOwnDeserializationOfAKeyIsFiltered() throws IOException {
        assertThat(org.losslab.io.SerialFilters.install()).isTrue();
        Path file = withCanaryKey("dl4j-key.dl4j");
        FileStatsStorage storage = new FileStatsStorage(file.toFile());
        try {
            assertThatThrownBy(() -> storage.listTypeIDsForSession("run").forEach(
                    type -> storage.getStorageMetaData("run", type))).hasStackTraceContaining("REJECTED");
        } finally {
            storage.close();
        }
    }

    @Test
    void damagedEmptyOrForeignFilesAreOneLine() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.dl4j"));
        refused(empty, "empty: no statistics were recorded in it");
        Path text = Files.writeString(dir.resolve("text.dl4j"), "just some text, not a database\n".repeat(100));
        assertThatThrownBy(() -> StatsFiles.open(text)).isInstanceOf(BadFileException.class)
                .hasMessageStartingWith(text + ": damaged or not a DL4J statistics file (");
        byte[] bytes = Files.readAllBytes(genuine);
        Path truncated = Files.write(dir.resolve("truncated.dl4j"), java.util.Arrays.copyOf(bytes, 3000));
        assertThatThrownBy(() -> StatsFiles.open(truncated)).isInstanceOf(BadFileException.class)
                .hasMessageStartingWith(truncated + ": damaged or not a DL4J statistics file (");
        refused(dir.resolve("missing.dl4j"), "file not found");
    }

    @Test
    void aFileInUseIsNamedAsSuch() throws IOException {
        Path file = copy("locked.dl4j");
        FileStatsStorage holder = new FileStatsStorage(file.toFile());
        try {
            refused(file, "in use by another process (a training, search or UI that is still running); wait until "
                    + "it ends");
        } finally {
            holder.close();
        }
    }
}
