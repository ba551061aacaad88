package org.losslab.nd4j;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.lang.reflect.Field;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.Deallocatable;
import org.nd4j.linalg.api.memory.Deallocator;
import org.nd4j.linalg.api.memory.deallocation.DeallocatorService;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.BroadcastOp;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.IndexAccumulation;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.RandomOp;
import org.nd4j.linalg.api.ops.ReduceOp;
import org.nd4j.linalg.api.ops.ScalarOp;
import org.nd4j.linalg.api.ops.impl.summarystats.Variance;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.cache.TADManager;
import org.nd4j.linalg.cpu.nativecpu.CpuTADManager;
import org.nd4j.linalg.cpu.nativecpu.DirectShapeInfoProvider;
import org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer;
import org.nd4j.linalg.cpu.nativecpu.ops.CpuOpContext;
import org.nd4j.linalg.cpu.nativecpu.ops.NativeOpExecutioner;
import org.nd4j.linalg.exception.ND4JIllegalStateException;
import org.nd4j.linalg.exception.ND4JOpProfilerException;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.Nd4jCpu;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.nd4j.nativeblas.OpaqueContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Three changes to ND4J 1.0.0-beta7's CPU backend: operations that cannot lose their arrays while they run, less
 * garbage per operation, so that trainings on several threads do not spend a core on ND4J's housekeeping, and
 * matrix products without libnd4j's per-operation overhead.
 *
 * <p><b>Arrays kept alive while an operation runs.</b> ND4J frees an array's native memory once the Java object
 * that owns it is collected. Its executioner takes the native addresses out of an operation and then no longer
 * uses the operation, so while the native code runs, arrays that only the operation holds (the dimensions of
 * every reduction and broadcast, temporaries such as {@code x.add(y.reshape(n))}'s) can be collected and freed
 * under it: a crash ({@code SIGSEGV} in {@code TadDescriptor} or {@code DataBuffer::primary()}) or wrong numbers,
 * now and then, when a collection falls inside an operation (docs/benchmarks.md, "An operation's arrays freed
 * under it"). {@link Executioner} keeps every operation (with its arrays) and op context reachable until the
 * native call returns. This is always installed.
 *
 * <p><b>Less garbage.</b> For a 784-30-10 network at mini-batch 10 the arithmetic is tiny, and what costs is what
 * ND4J makes around each operation: a Java wrapper for every shape descriptor (two native allocations through
 * JavaCPP, a phantom reference in ND4J's deallocator registry and a string id), the same for every
 * tensor-along-dimension descriptor, and a native op context for every custom operation (matrix products
 * included), which ND4J's deallocator threads later delete. One training then kept about 1.5 cores busy, and two
 * on two cores barely beat one after the other (docs/benchmarks.md). This installs into ND4J:
 * <ul>
 * <li>a cache of shape descriptor wrappers for the entry point every new array goes through (ND4J's own
 * {@code DirectShapeInfoProvider} caches only its other entry point); the descriptors are constants either way;
 * <li>a cache of tensor-along-dimension descriptor wrappers (ND4J's native side already caches the descriptors);
 * <li>custom operations run in op contexts reused per thread and operation name, each cleared before and after
 * use, instead of a new context per call ({@link Executioner});
 * <li>a lighter registry of native buffers waiting to be freed ({@link Deallocations}).
 * </ul>
 * Each cache is bounded; past its bound ND4J's own path serves. The system property {@value #SWITCH}{@code =false}
 * leaves these four out (the same numbers, more garbage).
 *
 * <p><b>Matrix products as one BLAS call.</b> A matrix product with a column-major output (every product of DL4J's
 * dense layers) runs as the one OpenBLAS call libnd4j would make for it ({@link DirectGemm}), without the op context
 * and shape checks around it; the same bits. {@value #GEMM_SWITCH}{@code =false} leaves products to libnd4j.
 */
public final class Nd4jTuning {

    private static final Logger LOG = LoggerFactory.getLogger(Nd4jTuning.class);
    /** The system property that leaves out the garbage cuts (not the fences): {@code -Dlosslab.nd4jTuning=false}. */
    public static final String SWITCH = "losslab.nd4jTuning";
    /**
     * The system property that leaves matrix products to libnd4j's {@code matmul} instead of one BLAS call each
     * ({@link DirectGemm}; the same bits either way): {@code -Dlosslab.directGemm=false}.
     */
    public static final String GEMM_SWITCH = "losslab.directGemm";
    /** Distinct descriptors kept per cache; a training needs a few dozen. */
    static final int MAX_ENTRIES = 10_000;
    /** Null until {@link #install()} ran, then what it returned. */
    private static Boolean installed;

    private Nd4jTuning() {
    }

    /**
     * Installs the executioner that keeps operations' arrays alive and, unless the system property {@value #SWITCH}
     * is {@code false}, the four changes that cut garbage (initializing ND4J if needed); twice is once. LossLab
     * calls it before it builds or loads its first network. Arrays made before keep their descriptors and
     * registrations; settings made on ND4J's own executioner before (profiling modes) do not carry over. Returns
     * whether the garbage cuts are on. If this ND4J is not the CPU backend of 1.0.0-beta7 this was written for, it
     * logs a warning, installs nothing and returns false; ND4J then works as it would without LossLab.
     *
     * @return whether the garbage cuts are on
     */
    public static synchronized boolean install() {
        if (installed != null) {
            return installed;
        }
        boolean lessGarbage = !"false".equalsIgnoreCase(System.getProperty(SWITCH));
        boolean directGemm = !"false".equalsIgnoreCase(System.getProperty(GEMM_SWITCH));
        try {
            if (!(Nd4j.getShapeInfoProvider() instanceof DirectShapeInfoProvider)) {
                throw new IllegalStateException("shape provider " + Nd4j.getShapeInfoProvider().getClass().getName());
            }
            if (Nd4j.getExecutioner().getClass() != NativeOpExecutioner.class) {
                throw new IllegalStateException("executioner " + Nd4j.getExecutioner().getClass().getName());
            }
            if (!(NativeOpsHolder.getInstance().getDeviceNativeOps() instanceof Nd4jCpu)) {
                throw new IllegalStateException("native ops " + NativeOpsHolder.getInstance().getDeviceNativeOps());
            }
            Executioner executioner = new Executioner(lessGarbage, directGemm);
            Field tadManager = findField(NativeOpExecutioner.class, "tadManager");
            Field provider = findField(Nd4j.class, "shapeInfoProvider");
            Field instance = findField(Nd4j.class, "OP_EXECUTIONER_INSTANCE");
            Field deallocation = findField(Nd4j.class, "deallocatorService");
            if (lessGarbage) {
                Tads tads = new Tads();
                tads.init(NativeOpsHolder.getInstance().getDeviceNativeOps(), Nd4j.getConstantHandler());
                tadManager.set(executioner, tads);
                Nd4j.getDeallocatorService(); // ND4J's own, made now if not yet: it keeps freeing what it has
                provider.set(null, new Shapes());
                deallocation.set(null, new Deallocations());
            }
            instance.set(null, executioner);
            installed = lessGarbage;
            return lessGarbage;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("LossLab's ND4J changes not installed ({}); an operation's arrays may be freed while it runs, "
                    + "and each operation makes more garbage", e.toString());
            installed = false;
            return false;
        }
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /**
     * The cached value for {@code key}, else a new one from {@code make}, kept (under a copy of the key, whose
     * arrays the caller may reuse) while the cache holds fewer than {@link #MAX_ENTRIES}.
     */
    private static <K, V> V cached(Map<K, V> cache, K key, UnaryOperator<K> copy, Supplier<V> make) {
        V cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        V made = make.get();
        if (cache.size() < MAX_ENTRIES) {
            V raced = cache.putIfAbsent(copy.apply(key), made);
            return raced == null ? made : raced;
        }
        return made;
    }

    /** The key of one array descriptor: what ND4J's native side builds it from. */
    private record ShapeKey(long[] shape, long[] stride, long elementWiseStride, char order, DataType type,
            boolean empty) {
        @Override
        public boolean equals(Object other) {
            return other instanceof ShapeKey k && Arrays.equals(shape, k.shape) && Arrays.equals(stride, k.stride)
                    && elementWiseStride == k.elementWiseStride && order == k.order && type == k.type
                    && empty == k.empty;
        }

        @Override
        public int hashCode() {
            return 31 * (31 * Arrays.hashCode(shape) + Arrays.hashCode(stride))
                    + Long.hashCode(elementWiseStride) * 7 + order + type.ordinal() * 3 + (empty ? 1 : 0);
        }

        ShapeKey copy() {
            return new ShapeKey(shape.clone(), stride.clone(), elementWiseStride, order, type, empty);
        }
    }

    /** The key of one tensor-along-dimension descriptor: the array's descriptor and the dimensions. */
    private record TadKey(long[] shapeInfo, int[] dimension) {
        @Override
        public boolean equals(Object other) {
            return other instanceof TadKey k && Arrays.equals(shapeInfo, k.shapeInfo)
                    && Arrays.equals(dimension, k.dimension);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(shapeInfo) + Arrays.hashCode(dimension);
        }

        TadKey copy() {
            return new TadKey(shapeInfo.clone(), dimension == null ? null : dimension.clone());
        }
    }

    /** ND4J's shape provider with a cache for the entry point every new array goes through. */
    static final class Shapes extends DirectShapeInfoProvider {
        private final Map<ShapeKey, Pair<DataBuffer, long[]>> cache = new ConcurrentHashMap<>();

        @Override
        public Pair<DataBuffer, long[]> createShapeInformation(long[] shape, long[] stride, long elementWiseStride,
                char order, DataType dataType, boolean empty) {
            return cached(cache, new ShapeKey(shape, stride, elementWiseStride, order, dataType, empty),
                    ShapeKey::copy, () -> super.createShapeInformation(shape, stride, elementWiseStride, order,
                            dataType, empty));
        }

        int size() {
            return cache.size();
        }
    }

    /** ND4J's tensor-along-dimension manager with a cache. */
    static final class Tads extends CpuTADManager {
        private final Map<TadKey, Pair<DataBuffer, DataBuffer>> cache = new ConcurrentHashMap<>();

        @Override
        public Pair<DataBuffer, DataBuffer> getTADOnlyShapeInfo(INDArray array, int[] dimension) {
            if (dimension != null && dimension.length > 1) {
                Arrays.sort(dimension); // as ND4J's own manager does, in place
            }
            try {
                return cached(cache, new TadKey(array.shapeInfoJava(), dimension), TadKey::copy,
                        () -> super.getTADOnlyShapeInfo(array, dimension));
            } finally {
                Reference.reachabilityFence(array); // its descriptor, read by the native call
            }
        }

        int size() {
            return cache.size();
        }
    }

    /**
     * ND4J's CPU executioner, except that every operation, with its arrays, and every op context stays reachable
     * until its native call has returned ({@link Reference#reachabilityFence}): ND4J's own lets the operation go once
     * it has taken the native addresses out of it, and a collection during the call then frees the dimensions and
     * any array only the operation holds while the native code reads them.
     *
     * <p>With {@code reuseContexts}, a custom operation run without a context of its own runs in one reused from
     * the calling thread's idle contexts for that operation name (ND4J makes a native context per call and deletes
     * it on its deallocator threads). Everything a call sets is set on every call, and the context is purged before
     * it goes back, so nothing of one call reaches the next. The rest is ND4J's
     * {@code NativeOpExecutioner.exec(CustomOp)} of 1.0.0-beta7.
     */
    static final class Executioner extends NativeOpExecutioner {
        private final boolean reuseContexts;
        /** Whether matrix products run as one BLAS call ({@link DirectGemm}); tests compare both ways. */
        volatile boolean directGemm;
        private final ThreadLocal<Map<String, ArrayDeque<Context>>> idle = ThreadLocal.withInitial(HashMap::new);

        Executioner(boolean reuseContexts, boolean directGemm) {
            this.reuseContexts = reuseContexts;
            this.directGemm = directGemm;
        }

        /** What {@code call} returns, with {@code op} and {@code context} reachable until it has returned. */
        private static <T> T fenced(Supplier<T> call, Object op, Object context) {
            try {
                return call.get();
            } finally {
                Reference.reachabilityFence(op);
                Reference.reachabilityFence(context);
            }
        }

        @Override
        public INDArray exec(Op op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(Op op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray exec(IndexAccumulation op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(IndexAccumulation op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray exec(Variance op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(ReduceOp op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(ReduceOp op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray exec(ScalarOp op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(ScalarOp op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray exec(BroadcastOp op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(BroadcastOp op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray exec(RandomOp op) {
            return fenced(() -> super.exec(op), op, null);
        }

        @Override
        public INDArray exec(RandomOp op, Random rng) {
            return fenced(() -> super.exec(op, rng), op, null);
        }

        @Override
        public INDArray exec(RandomOp op, OpContext context, Random rng) {
            return fenced(() -> super.exec(op, context, rng), op, context);
        }

        @Override
        public INDArray[] exec(CustomOp op, OpContext context) {
            return fenced(() -> super.exec(op, context), op, context);
        }

        @Override
        public INDArray[] exec(CustomOp op) {
            if (directGemm && DirectGemm.handles(op)) {
                long start = profilingConfigurableHookIn(op, null); // ND4J's checks and profiling, as for any op
                try {
                    if (DirectGemm.runCounted(op)) {
                        profilingConfigurableHookOut(op, null, start);
                        return op.outputArguments().toArray(new INDArray[0]);
                    }
                } finally {
                    Reference.reachabilityFence(op);
                }
            }
            if (!reuseContexts) {
                return fenced(() -> super.exec(op), op, null);
            }
            boolean shapeOverride = false;
            if (op.numOutputArguments() == 0 && !op.isInplaceCall()) {
                List<LongShapeDescriptor> shapes;
                try {
                    shapes = calculateOutputShape(op);
                } catch (ND4JIllegalStateException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ND4JIllegalStateException("Op name " + op.opName()
                            + " - no output arrays were provided and calculateOutputShape failed to execute", e);
                }
                if (shapes.isEmpty()) {
                    throw new ND4JIllegalStateException("Op name " + op.opName()
                            + " failed to calculate output datatypes");
                }
                for (LongShapeDescriptor shape : shapes) {
                    op.addOutputArgument(Nd4j.create(shape, false));
                }
                shapeOverride = true;
            }
            String name = op.opName();
            ArrayDeque<Context> contexts = idle.get().computeIfAbsent(name, n -> new ArrayDeque<>());
            Context context = contexts.isEmpty() ? new Context() : contexts.pop();
            try {
                context.shapeFunctionOverride(shapeOverride);
                context.markInplace(op.isInplaceCall());
                context.setRngStates(Nd4j.getRandom().rootState(), Nd4j.getRandom().nodeState());
                context.setInputArrays(op.inputArguments());
                context.setOutputArrays(op.outputArguments());
                context.setBArguments(op.bArgs());
                context.setIArguments(op.iArgs());
                context.setTArguments(op.tArgs());
                context.setDArguments(op.dArgs());
                INDArray[] result = exec(op, context);
                Pair<Long, Long> states = context.getRngStates();
                for (INDArray in : op.inputArguments()) {
                    if (!in.isEmpty()) {
                        ((BaseCpuDataBuffer) in.data()).actualizePointerAndIndexer();
                    }
                }
                for (INDArray out : op.outputArguments()) {
                    if (!out.isEmpty()) {
                        ((BaseCpuDataBuffer) out.data()).actualizePointerAndIndexer();
                    }
                }
                Nd4j.getRandom().setStates(states.getFirst(), states.getSecond());
                return result;
            } catch (ND4JOpProfilerException e) {
                throw e;
            } catch (Exception e) {
                throw new RuntimeException("Op [" + name + "] execution failed", e);
            } finally {
                context.purge();
                contexts.push(context);
                Reference.reachabilityFence(op);
            }
        }

        int idleContexts() {
            return idle.get().values().stream().mapToInt(ArrayDeque::size).sum();
        }
    }

    /**
     * ND4J's CPU op context, except that arguments are always set, an empty list too (ND4J's skips empty lists,
     * which in a reused context would leave the last call's arguments), and passed as Java arrays rather than
     * through a new JavaCPP pointer each.
     */
    static final class Context extends CpuOpContext {
        private final Nd4jCpu ops = (Nd4jCpu) NativeOpsHolder.getInstance().getDeviceNativeOps();
        private final OpaqueContext pointer = (OpaqueContext) contextPointer();

        @Override
        public void setIArguments(long... arguments) {
            long[] values = arguments == null ? new long[0] : arguments;
            fastpath_i.clear();
            for (long v : values) {
                fastpath_i.add(v);
            }
            ops.setGraphContextIArguments(pointer, values, values.length);
        }

        @Override
        public void setTArguments(double... arguments) {
            double[] values = arguments == null ? new double[0] : arguments;
            fastpath_t.clear();
            for (double v : values) {
                fastpath_t.add(v);
            }
            ops.setGraphContextTArguments(pointer, values, values.length);
        }

        @Override
        public void setBArguments(boolean... arguments) {
            boolean[] values = arguments == null ? new boolean[0] : arguments;
            fastpath_b.clear();
            for (boolean v : values) {
                fastpath_b.add(v);
            }
            ops.setGraphContextBArguments(pointer, values, values.length);
        }

        @Override
        public void setDArguments(DataType... arguments) {
            DataType[] values = arguments == null ? new DataType[0] : arguments;
            fastpath_d.clear();
            int[] codes = new int[values.length];
            for (int i = 0; i < values.length; i++) {
                fastpath_d.add(values[i]);
                codes[i] = values[i].toInt();
            }
            ops.setGraphContextDArguments(pointer, codes, codes.length);
        }
    }

    /**
     * ND4J's registry of native memory to free once its Java owner is collected, made lighter. ND4J's own
     * ({@code DeallocatorService}) keys every registration by a string id built twice per buffer, in one map
     * shared by all threads, and picks a queue through a random generator shared by all threads; this one keeps
     * each weak reference in an intrusive list of one of several stripes (by registering thread), so a
     * registration is one small object and an uncontended lock, and the collector has less to copy. One thread
     * frees what the collector finds (on the CPU backend ND4J's second thread served only CUDA's devices). What
     * ND4J's own registry holds already stays with it and its threads.
     */
    static final class Deallocations extends DeallocatorService {
        private static final int STRIPES = 16;
        private final Stripe[] stripes = new Stripe[STRIPES];
        private final ReferenceQueue<Deallocatable> collected = new ReferenceQueue<>();

        Deallocations() {
            for (int i = 0; i < STRIPES; i++) {
                stripes[i] = new Stripe();
            }
            Thread thread = new Thread(this::free, "losslab-deallocator");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void pickObject(Deallocatable deallocatable) {
            Stripe stripe = stripes[(int) (Thread.currentThread().getId() & (STRIPES - 1))];
            stripe.add(new Registered(deallocatable, collected, stripe));
        }

        private void free() {
            Nd4j.getAffinityManager().unsafeSetDevice(0);
            while (true) {
                Registered registered;
                try {
                    registered = (Registered) collected.remove();
                } catch (InterruptedException e) {
                    return;
                }
                registered.stripe.remove(registered);
                try {
                    registered.deallocator.deallocate();
                } catch (RuntimeException e) {
                    LOG.warn("could not free native memory: {}", e.toString());
                }
            }
        }

        /** Registrations not yet freed, for tests. */
        int registered() {
            int count = 0;
            for (Stripe stripe : stripes) {
                count += stripe.size();
            }
            return count;
        }
    }

    /** One registration: a weak reference to the owner, and what frees its memory. */
    static final class Registered extends WeakReference<Deallocatable> {
        final Deallocator deallocator;
        final Stripe stripe;
        Registered previous;
        Registered next;

        Registered(Deallocatable owner, ReferenceQueue<Deallocatable> queue, Stripe stripe) {
            super(owner, queue);
            this.deallocator = owner.deallocator();
            this.stripe = stripe;
        }
    }

    /** A doubly linked list of registrations: keeps them reachable until they are freed. */
    static final class Stripe {
        private Registered first;
        private int size;

        synchronized void add(Registered registered) {
            registered.next = first;
            if (first != null) {
                first.previous = registered;
            }
            first = registered;
            size++;
        }

        synchronized void remove(Registered registered) {
            if (registered.previous != null) {
                registered.previous.next = registered.next;
            } else {
                first = registered.next;
            }
            if (registered.next != null) {
                registered.next.previous = registered.previous;
            }
            registered.previous = null;
            registered.next = null;
            size--;
        }

        synchronized int size() {
            return size;
        }

        synchronized Registered first() {
            return first;
        }
    }

    /**
     * The installed caches' sizes (shapes, TADs, the calling thread's idle op contexts); zeros when not installed.
     */
    static int[] sizes() {
        int shapes = Nd4j.getShapeInfoProvider() instanceof Shapes s ? s.size() : 0;
        TADManager manager = Nd4j.getExecutioner().getTADManager();
        int tads = manager instanceof Tads t ? t.size() : 0;
        int contexts = Nd4j.getExecutioner() instanceof Executioner e ? e.idleContexts() : 0;
        return new int[] {shapes, tads, contexts};
    }
}
