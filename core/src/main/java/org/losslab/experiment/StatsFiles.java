package org.losslab.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.losslab.io.BadFileException;
import org.losslab.io.SafeObjectInput;
import org.losslab.io.SerialFilters;
import org.losslab.io.StrictJson;
import org.mapdb.DB;
import org.mapdb.DBException;
import org.mapdb.DBMaker;
import org.mapdb.Serializer;

/**
 * DL4J's statistics files ({@code stats.dl4j}, {@code arbiter.dl4j}: MapDB databases), opened as files a user
 * may have been given. DL4J's {@code FileStatsStorage} instantiates every class the file's class table names,
 * takes its serializers from the file's catalog, Java-deserializes keys and Arbiter's records, and parses
 * Arbiter's configuration with class names from the file. Before it opens a file, LossLab opens it itself and
 * checks the catalog (only the maps, parameters and serializers DL4J writes), the class table (only DL4J's and
 * Arbiter's record classes) and every search configuration inside (class names allow-listed), and makes sure the
 * JEP 290 allow-list of {@link SerialFilters#STATISTICS} covers DL4J's own reads. MapDB's failures become one line
 * that names the file: damaged, empty, or in use by another process.
 */
public final class StatsFiles {

    /** The record classes a statistics file may name: DL4J's statistics, Arbiter's search records, LossLab's epochs. */
    static final Set<String> RECORD_CLASSES = Set.of(
            "org.deeplearning4j.ui.model.stats.impl.SbeStatsReport",
            "org.deeplearning4j.ui.model.stats.impl.SbeStatsInitializationReport",
            "org.deeplearning4j.ui.model.storage.impl.SbeStorageMetaData",
            "org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable",
            "org.deeplearning4j.arbiter.ui.data.ModelInfoPersistable",
            "org.losslab.experiment.EpochReport");

    /** LossLab's own packages, by name only (a search's configuration names classes of the search package). */
    private static final String LOSSLAB = "org.losslab.";
    /** Classes a search configuration in a statistics file may name. */
    static final List<String> SEARCH_CONFIGURATION_CLASSES = List.of("org.deeplearning4j.arbiter.",
            "org.deeplearning4j.nn.", "org.nd4j.linalg.", LOSSLAB + "preset.", LOSSLAB + "search.",
            "java.lang.String", "java.lang.Double",
            "java.lang.Integer", "java.lang.Long", "java.lang.Float", "java.lang.Boolean");

    private static final String SERIALIZER = "org.mapdb.Serializer#";
    /** The serializers DL4J's MapDBStatsStorage records in the catalog, by map name and parameter. */
    private static final Map<String, String> SERIALIZERS = Map.of(
            "sessionIDs#serializer", SERIALIZER + "STRING",
            "classToInteger#keySerializer", SERIALIZER + "STRING",
            "classToInteger#valueSerializer", SERIALIZER + "INTEGER",
            "integerToClass#keySerializer", SERIALIZER + "INTEGER",
            "integerToClass#valueSerializer", SERIALIZER + "STRING");
    private static final Map<String, String> TYPES = Map.of("sessionIDs", "HashSet", "classCounter", "AtomicInteger",
            "storageMetaData", "HashMap", "staticInfo", "HashMap", "classToInteger", "HashMap",
            "integerToClass", "HashMap");
    /** Catalog parameters without classes in them. */
    private static final Set<String> PLAIN_PARAMETERS = Set.of("concShift", "counterRecids", "dirShift",
            "hashSeed", "levels", "removeCollapsesIndexTree", "rootRecids", "valueInline", "recid");
    private static final Set<String> EXPIRY_PARAMETERS = Set.of("expireCreateQueue", "expireCreateTTL",
            "expireGetQueue", "expireGetTTL", "expireUpdateQueue", "expireUpdateTTL");
    private static final String UPDATES = "&&&";

    private StatsFiles() {
    }

    /**
     * Opens a statistics file for reading (e.g. to show it in the UI), after the checks above.
     *
     * @throws StatsFileException naming the file: damaged, empty, foreign, or in use by another process
     * @param file the file
     * @return DL4J's storage over the checked file
     */
    public static FileStatsStorage open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new StatsFileException(file, Files.exists(file) ? "not a file" : "file not found");
        }
        try {
            if (Files.size(file) == 0) {
                throw new StatsFileException(file, "empty: no statistics were recorded in it");
            }
        } catch (IOException e) {
            throw new StatsFileException(file, "cannot read (" + e.getMessage() + ")", e);
        }
        return storage(file);
    }

    /** Opens {@code file} for a run to record into: created when missing, checked as above when it exists. */
    static FileStatsStorage forRecording(Path file) {
        return storage(file);
    }

    private static FileStatsStorage storage(Path file) {
        check(file);
        try {
            return new FileStatsStorage(file.toFile());
        } catch (DBException e) {
            throw failure(file, e);
        }
    }

    /** Checks an existing file before DL4J opens it; a missing one passes (DL4J creates it). */
    static void check(Path file) {
        if (!Files.exists(file)) {
            return;
        }
        SerialFilters.require(file);
        DB db;
        try {
            db = DBMaker.fileDB(file.toFile()).transactionEnable().make();
        } catch (DBException e) {
            throw failure(file, e);
        } catch (RuntimeException e) {
            throw new StatsFileException(file, "damaged or not a DL4J statistics file (" + e + ")", e);
        }
        try {
            checkCatalog(file, db.nameCatalogLoad());
            Map<Integer, String> classes = db.hashMap("integerToClass", Serializer.INTEGER, Serializer.STRING)
                    .createOrOpen();
            for (String name : classes.values()) {
                if (!RECORD_CLASSES.contains(name)) {
                    throw new StatsFileException(file, "names the class " + excerpt(name)
                            + ", which is not one of DL4J's statistics records; LossLab does not load it");
                }
            }
            checkRecords(file, db, classes);
        } catch (StatsFileException e) {
            throw e;
        } catch (RuntimeException e) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof StatsFileException refusal) {
                    throw refusal; // thrown inside MapDB's reading, wrapped by it
                }
            }
            throw e instanceof DBException db2 ? failure(file, db2)
                    : new StatsFileException(file, "damaged or not a DL4J statistics file (" + e + ")", e);
        } finally {
            try {
                db.close();
            } catch (RuntimeException e) {
                // a failed check already names the file; closing a damaged store may fail too
            }
        }
    }

    private static void checkCatalog(Path file, SortedMap<String, String> catalog) {
        for (Map.Entry<String, String> entry : catalog.entrySet()) {
            String key = entry.getKey();
            int hash = key.lastIndexOf('#');
            if (hash < 0) {
                throw foreign(file, key);
            }
            String map = key.substring(0, hash);
            String parameter = key.substring(hash + 1);
            boolean updates = map.startsWith(UPDATES);
            if (!updates && !TYPES.containsKey(map)) {
                throw foreign(file, key);
            }
            String value = entry.getValue();
            boolean expected = switch (parameter) {
                case "type" -> value.equals(updates ? "HashMap" : TYPES.get(map));
                case "keySerializer", "valueSerializer", "serializer" -> value.equals(updates
                        ? (parameter.equals("keySerializer") ? SERIALIZER + "LONG" : null) : SERIALIZERS.get(key));
                default -> PLAIN_PARAMETERS.contains(parameter)
                        || (EXPIRY_PARAMETERS.contains(parameter) && (value.isEmpty() || value.equals("0")));
            };
            if (!expected) {
                throw foreign(file, key + " = " + excerpt(value));
            }
        }
    }

    private static StatsFileException foreign(Path file, String what) {
        return new StatsFileException(file, "not a DL4J statistics file: its catalog holds " + excerpt(what)
                + ", which DL4J's statistics storage never writes");
    }

    /**
     * Every record of the file: keys read under {@link SerialFilters#STATISTICS} (classes checked before they are
     * loaded), each record of a listed class, and each search configuration checked for the classes it names.
     */
    private static void checkRecords(Path file, DB db, Map<Integer, String> classes) {
        Integer searchRecord = null;
        for (Map.Entry<Integer, String> entry : classes.entrySet()) {
            if (entry.getValue().equals(SEARCH_RECORD_CLASS)) {
                searchRecord = entry.getKey();
            }
        }
        for (String name : db.getAllNames()) {
            Serializer<?> keys;
            if (name.equals("staticInfo") || name.equals("storageMetaData")) {
                keys = new SafeKeys(file);
            } else if (name.startsWith(UPDATES)) {
                keys = Serializer.LONG;
            } else {
                continue;
            }
            Map<?, byte[]> records = db.hashMap(name, keys, Serializer.BYTE_ARRAY_NOSIZE).open();
            for (byte[] value : records.values()) {
                int index = value.length < 4 ? -1 : ByteBuffer.wrap(value).getInt();
                if (!classes.containsKey(index)) {
                    throw new StatsFileException(file, "a record of unknown class index " + index);
                }
                if (searchRecord != null && index == searchRecord) {
                    checkSearchRecord(file, java.util.Arrays.copyOfRange(value, 4, value.length));
                }
            }
        }
    }

    /**
     * Arbiter's record of a search, which holds the search's configuration as JSON. Named, not imported: this module
     * has no Arbiter; a file with search records needs losslab-search (which brings Arbiter) to be opened.
     */
    static final String SEARCH_RECORD_CLASS = "org.deeplearning4j.arbiter.ui.data.GlobalConfigPersistable";

    private static void checkSearchRecord(Path file, byte[] bytes) {
        Object record;
        try {
            record = safely(file, "a search record", new java.io.ByteArrayInputStream(bytes));
        } catch (StatsFileException e) {
            if (e.getCause() != null && e.getCause().getCause() instanceof ClassNotFoundException) {
                throw new StatsFileException(file, "holds a search's records, which need Arbiter (losslab-search) on "
                        + "the class path", e);
            }
            throw e;
        }
        if (!record.getClass().getName().equals(SEARCH_RECORD_CLASS)) {
            throw new StatsFileException(file, "a search record of class " + record.getClass().getName());
        }
        String json;
        try {
            json = (String) record.getClass().getMethod("getOptimizationConfigJson").invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Arbiter's " + SEARCH_RECORD_CLASS + " has no configuration getter", e);
        }
        if (json != null) {
            try {
                StrictJson.checkClasses(json, SEARCH_CONFIGURATION_CLASSES, file, "");
            } catch (BadFileException e) {
                throw new StatsFileException(file, "the search configuration inside: " + e.problem(), e);
            }
        }
    }

    private static Object safely(Path file, String what, java.io.InputStream in) {
        try {
            return SafeObjectInput.read(in, SerialFilters.STATISTICS);
        } catch (SafeObjectInput.RefusedClassException e) {
            throw new StatsFileException(file, what + " holds a Java object of class "
                    + excerpt(e.className()) + ", which LossLab does not deserialize", e);
        } catch (IOException e) {
            throw new StatsFileException(file, "a damaged " + what.substring(2) + " (" + e.getMessage() + ")", e);
        }
    }

    /** DL4J's keys of metadata and static records (Java-serialized ids), read under the allow-list. */
    private static final class SafeKeys implements Serializer<Object> {
        private final Path file;

        SafeKeys(Path file) {
            this.file = file;
        }

        @Override
        public void serialize(org.mapdb.DataOutput2 out, Object value) {
            throw new UnsupportedOperationException("LossLab's check of a statistics file writes nothing");
        }

        @Override
        public Object deserialize(org.mapdb.DataInput2 in, int available) {
            return safely(file, "a key", new org.mapdb.DataInput2.DataInputToStream(in));
        }

        @Override
        public int compare(Object first, Object second) {
            return 0;
        }
    }

    /** MapDB's failure as one line naming the file. */
    static StatsFileException failure(Path file, DBException e) {
        if (e instanceof DBException.FileLocked) {
            return new StatsFileException(file, "in use by another process (a training, search or UI that is still "
                    + "running); wait until it ends", e);
        }
        return new StatsFileException(file, "damaged or not a DL4J statistics file (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + StrictJson.firstLine(e.getMessage())) + ")", e);
    }

    /** A statistics file that cannot be used; the message names it. */
    public static final class StatsFileException extends BadFileException {
        private static final long serialVersionUID = 1L;

        StatsFileException(Path file, String problem) {
            super(file, "", problem, null);
        }

        StatsFileException(Path file, String problem, Throwable cause) {
            super(file, "", problem, cause);
        }
    }

    /** What a file says, fit for a message. */
    private static String excerpt(String text) {
        return org.losslab.io.Bounded.excerpt(text, 120);
    }

}
