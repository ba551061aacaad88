"""Plain numpy reference for bench/numpy.sh: 784-H-10, sigmoid hidden and output, cross-entropy (DL4J's XENT:
summed over the outputs, averaged over the mini-batch), plain SGD, batch 10, on the same 50,000 MNIST images, one
thread (run with OPENBLAS_NUM_THREADS=1). Forward, backward and update are matrix products over the batch of 10,
in float32 as ND4J's. Prints one line per epoch: the seconds of its mini-batches, and the validation accuracy."""
import gzip
import sys
import time

import numpy as np

mnist, epochs, eta, hidden = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
rng = np.random.default_rng(1)


def idx(name, offset):
    with gzip.open(f"{mnist}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


images = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784).astype(np.float32) / 255
labels = idx("train-labels-idx1-ubyte.gz", 8).astype(np.int64)
x, vx = images[:50000], images[50000:]
y = np.eye(10, dtype=np.float32)[labels[:50000]]
vlabels = labels[50000:]

# the book's large init: N(0, 1) weights and biases
w1 = rng.standard_normal((784, hidden), dtype=np.float32)
b1 = rng.standard_normal(hidden, dtype=np.float32)
w2 = rng.standard_normal((hidden, 10), dtype=np.float32)
b2 = rng.standard_normal(10, dtype=np.float32)


def sigmoid(z):
    with np.errstate(over="ignore"):  # exp(-z) overflows to inf for z < -88 in float32: σ(z) = 0, as it should be
        return 1 / (1 + np.exp(-z))


for epoch in range(1, epochs + 1):
    order = rng.permutation(50000)
    start = time.perf_counter()
    for b in range(0, 50000, 10):
        rows = order[b:b + 10]
        xb, yb = x[rows], y[rows]
        a1 = sigmoid(xb @ w1 + b1)
        a2 = sigmoid(a1 @ w2 + b2)
        d2 = (a2 - yb) / len(rows)            # cross-entropy cancels σ′: ∂C/∂z = a − y
        d1 = (d2 @ w2.T) * a1 * (1 - a1)
        w2 -= eta * (a1.T @ d2)
        b2 -= eta * d2.sum(0)
        w1 -= eta * (xb.T @ d1)
        b1 -= eta * d1.sum(0)
    seconds = time.perf_counter() - start
    accuracy = (sigmoid(sigmoid(vx @ w1 + b1) @ w2 + b2).argmax(1) == vlabels).mean()
    print(f"numpy 784-{hidden}-10 epoch {epoch}: {seconds:.2f} s  validation accuracy {100 * accuracy:.2f}%",
          flush=True)
