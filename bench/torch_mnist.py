"""PyTorch reference for bench/train.sh: 784-30-10, sigmoid hidden and output, cross-entropy (binary, summed over
the outputs, averaged over the mini-batch: DL4J's XENT), plain SGD, batch 10, on the same 50,000 MNIST images,
one thread. Prints one line per epoch."""
import gzip
import sys
import time

import numpy as np
import torch

mnist, epochs, eta = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
torch.set_num_threads(1)
torch.manual_seed(1)


def idx(name, offset):
    with gzip.open(f"{mnist}/{name}", "rb") as f:
        return np.frombuffer(f.read(), dtype=np.uint8, offset=offset)


x = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[:50000].astype(np.float32) / 255)
labels = torch.from_numpy(idx("train-labels-idx1-ubyte.gz", 8)[:50000].astype(np.int64))
y = torch.nn.functional.one_hot(labels, 10).float()

net = torch.nn.Sequential(torch.nn.Linear(784, 30), torch.nn.Sigmoid(), torch.nn.Linear(30, 10), torch.nn.Sigmoid())
with torch.no_grad():
    for p in net.parameters():
        p.normal_(0, 1)  # the book's large init: N(0, 1) weights and biases
optimizer = torch.optim.SGD(net.parameters(), lr=eta)
bce = torch.nn.BCELoss(reduction="sum")

for epoch in range(1, epochs + 1):
    order = torch.randperm(50000)
    start = time.perf_counter()
    for b in range(0, 50000, 10):
        rows = order[b:b + 10]
        optimizer.zero_grad()
        loss = bce(net(x[rows]), y[rows]) / len(rows)
        loss.backward()
        optimizer.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        vx = torch.from_numpy(idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 784)[50000:].astype(np.float32) / 255)
        vy = torch.from_numpy(idx("train-labels-idx1-ubyte.gz", 8)[50000:].astype(np.int64))
        accuracy = (net(vx).argmax(1) == vy).float().mean().item()
    print(f"pytorch epoch {epoch}: {seconds:.2f} s  validation accuracy {100 * accuracy:.2f}%", flush=True)
