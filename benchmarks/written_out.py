"""The tutorial's training loop written out for its one shape.

backprop.py trains networks of any shape, so its loops run over lists
and every value they produce costs at least one call of the dot-product
kernel. When the shape never changes, each weight can live in a local
variable and each sum can be spelt out, as train() below does for the
3-4-1 network without biases. It gives the same weights as
Network([3, 4, 1], seed=42, bias=False).train(...), to the last bit
where sum() and the kernel round alike (before Python 3.12), and shows
what the generality costs on a network this small:

    python benchmarks/written_out.py [--quick]

prints both times. benchmarks/bench.py adds this program's time to its
tutorial notes. Nothing here is used by backprop.py.
"""

import sys
import time
from math import exp


def _folder(path):
    """Return the folder part of a file path, or '.' if it has none."""
    path = path.replace("\\", "/")
    return path.rsplit("/", 1)[0] if "/" in path else "."


# The repository root (the folder above benchmarks/) holds backprop.py.
# String splitting instead of os.path, which MicroPython may lack.
ROOT = _folder(__file__) + "/.."
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import backprop  # noqa: E402


def train(W1, W2, X, Y, epochs, learning_rate=0.1):
    """Train the 3-4-1 network by full-batch gradient descent.

    W1 (3 x 4) and W2 (4 x 1) are lists of rows, as Network.weights
    holds them; X has rows of 3 values and Y rows of 1. Returns the new
    (W1, W2) and the mean squared error of the last epoch, measured
    before its update, as Network.train reports it. The names follow
    the network: u_ij is W1[i][j], v_j is W2[j][0], h_j the hidden
    activations and out the output.
    """
    (u00, u01, u02, u03), (u10, u11, u12, u13), (u20, u21, u22, u23) = W1
    (v0,), (v1,), (v2,), (v3,) = W2
    data = [(x[0], x[1], x[2], y[0]) for x, y in zip(X, Y)]
    lr = learning_rate
    loss = 0.0
    for _ in range(epochs):
        # The gradient dE/dw of every weight, summed over the samples.
        g00 = g01 = g02 = g03 = g10 = g11 = g12 = g13 = 0.0
        g20 = g21 = g22 = g23 = e0 = e1 = e2 = e3 = 0.0
        total = 0.0
        for x0, x1, x2, y in data:
            # Forward: h_j = sigmoid(sum_i x_i u_ij), out likewise.
            h0 = 1.0 / (1.0 + exp(-(x0 * u00 + x1 * u10 + x2 * u20)))
            h1 = 1.0 / (1.0 + exp(-(x0 * u01 + x1 * u11 + x2 * u21)))
            h2 = 1.0 / (1.0 + exp(-(x0 * u02 + x1 * u12 + x2 * u22)))
            h3 = 1.0 / (1.0 + exp(-(x0 * u03 + x1 * u13 + x2 * u23)))
            out = 1.0 / (1.0 + exp(-(h0 * v0 + h1 * v1 + h2 * v2
                                     + h3 * v3)))
            # E = 1/2 (out - y)^2, so dE/dz = (out - y) out (1 - out)
            # at the output, and d_j = dE/dz * v_j h_j (1 - h_j) at
            # hidden unit j.
            error = out - y
            total += error * error
            d = error * out * (1.0 - out)
            d0 = d * v0 * h0 * (1.0 - h0)
            d1 = d * v1 * h1 * (1.0 - h1)
            d2 = d * v2 * h2 * (1.0 - h2)
            d3 = d * v3 * h3 * (1.0 - h3)
            # dE/dv_j = h_j dE/dz and dE/du_ij = x_i d_j.
            e0 += d * h0
            e1 += d * h1
            e2 += d * h2
            e3 += d * h3
            g00 += d0 * x0
            g01 += d1 * x0
            g02 += d2 * x0
            g03 += d3 * x0
            g10 += d0 * x1
            g11 += d1 * x1
            g12 += d2 * x1
            g13 += d3 * x1
            g20 += d0 * x2
            g21 += d1 * x2
            g22 += d2 * x2
            g23 += d3 * x2
        loss = total / len(data)
        # w <- w - lr dE/dw
        u00 -= lr * g00
        u01 -= lr * g01
        u02 -= lr * g02
        u03 -= lr * g03
        u10 -= lr * g10
        u11 -= lr * g11
        u12 -= lr * g12
        u13 -= lr * g13
        u20 -= lr * g20
        u21 -= lr * g21
        u22 -= lr * g22
        u23 -= lr * g23
        v0 -= lr * e0
        v1 -= lr * e1
        v2 -= lr * e2
        v3 -= lr * e3
    W1 = [[u00, u01, u02, u03], [u10, u11, u12, u13],
          [u20, u21, u22, u23]]
    W2 = [[v0], [v1], [v2], [v3]]
    return W1, W2, loss


def largest_difference(weights, other):
    """Return the largest |a - b| over matching weights."""
    return max(abs(a - b)
               for layer, other_layer in zip(weights, other)
               for row, other_row in zip(layer, other_layer)
               for a, b in zip(row, other_row))


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if argv not in ([], ["--quick"]):
        print("usage: python benchmarks/written_out.py [--quick]")
        return 2
    epochs = 1000 if argv else 10000
    X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
    Y = [[0.2], [0.5], [0.8]]
    net = backprop.Network([3, 4, 1], seed=42, bias=False)
    start_weights = net.weights
    clock = getattr(time, "perf_counter", time.time)

    start = clock()
    losses = net.train(X, Y, epochs=epochs)
    general = clock() - start
    start = clock()
    W1, W2, loss = train(start_weights[0], start_weights[1], X, Y, epochs)
    written = clock() - start

    impl = sys.implementation
    print("%d epochs of the 3-4-1 network, %s %s"
          % (epochs, impl.name,
             ".".join(str(part) for part in impl.version[:3])))
    print("  backprop.Network.train  %8.1f ms" % (general * 1e3))
    print("  written out             %8.1f ms  (%.2fx backprop's time)"
          % (written * 1e3, written / general))
    print("  largest weight difference %.1g, last loss difference %.1g"
          % (largest_difference(net.weights, [W1, W2]),
             abs(loss - losses[-1])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
