package org.losslab.experiment;

import java.util.Collection;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;

/**
 * Where a run sends its DL4J training statistics as they are made, besides its {@code stats.dl4j}: a
 * {@link StatsStorageRouter} (DL4J's {@code InMemoryStatsStorage} that a UI server shows, say), or {@link #NONE}.
 */
public final class LiveStats {

    /** Sends nothing anywhere: the statistics go to the run's file only. */
    public static final StatsStorageRouter NONE = new StatsStorageRouter() {
        @Override
        public void putStorageMetaData(StorageMetaData storageMetaData) {
        }

        @Override
        public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        }

        @Override
        public void putStaticInfo(Persistable staticInfo) {
        }

        @Override
        public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        }

        @Override
        public void putUpdate(Persistable update) {
        }

        @Override
        public void putUpdate(Collection<? extends Persistable> updates) {
        }

        @Override
        public String toString() {
            return "LiveStats.NONE";
        }
    };

    private LiveStats() {
    }
}
