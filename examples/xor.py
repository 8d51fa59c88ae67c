"""Learn XOR with a 2-4-1 sigmoid network that has biases.

XOR is 1 when exactly one of its two inputs is 1. No straight line
separates its ones from its zeros, so a network needs a hidden layer.
This script trains one, prints the loss as it falls, then the four
predictions and whether each is on the correct side of 0.5.

Run it from the repository root with ``python examples/xor.py``, or
from inside examples/ with ``python xor.py``.

Why ``bias=True``: without biases, the input (0, 0) makes every
first-layer pre-activation z = 0 * W = 0, whatever W is. Sigmoid hidden
units then all output a = sigmoid(0) = 0.5, so the prediction for (0, 0)
is sigmoid(0.5 * sum of the last layer's weights): the first layer has
no say in it at all. Those constant 0.5 outputs act as a weak bias, so a
sigmoid network without biases can still fit XOR on some seeds, but it
has fewer ways to get there. With tanh or relu hidden units, where
f(0) = 0, it cannot: z is 0 at every layer and the output for (0, 0)
stays at sigmoid(0) = 0.5 for ever, never below 0.5. The end of this
script shows that. The tutorial's network (``bias=False``) never meets
an all-zero input, so there the missing biases do less harm.
"""
import sys


def _folder(path):
    """Return the folder part of a file path, or '.' if it has none."""
    path = path.replace("\\", "/")
    return path.rsplit("/", 1)[0] if "/" in path else "."


# The repository root (the folder above examples/) holds backprop.py.
# String splitting instead of os.path, which MicroPython may lack.
ROOT = _folder(__file__) + "/.."
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import backprop  # noqa: E402

X = [[0, 0], [0, 1], [1, 0], [1, 1]]
Y = [[0], [1], [1], [0]]


def main(quick=False, verbose=True):
    """Train on XOR and return the fraction of the 4 cases right.

    quick trains for fewer epochs and verbose=False prints nothing.
    """
    epochs = 200 if quick else 500
    # Glorot's +-sqrt(6 / (n_in + n_out)) rather than the tutorial's
    # [0, 1): with all weights positive the hidden units start alike,
    # and more seeds end in a poor local minimum.
    net = backprop.Network([2, 4, 1], seed=1, bias=True,
                           activation="sigmoid",
                           output_activation="sigmoid",
                           loss="binary_cross_entropy", init="xavier")

    def report(epoch, loss):
        if verbose:
            print("epoch %4d  loss %.6f" % (epoch, loss))

    net.train(X, Y, epochs=epochs, optimizer="adam", learning_rate=0.05,
              every=epochs // 10, callback=report)
    if verbose:
        print("after %d epochs loss %.6f" % (epochs, net.evaluate(X, Y)))

    predictions = net.predict(X)
    right = 0
    for x, y, p in zip(X, Y, predictions):
        # Exactly 0.5 is on neither side, so it counts as wrong.
        ok = p[0] > 0.5 if y[0] == 1 else p[0] < 0.5
        if ok:
            right += 1
        if verbose:
            print("%d xor %d = %d   predicted %.3f  %s"
                  % (x[0], x[1], y[0], p[0], "right" if ok else "WRONG"))
    if verbose:
        print("%d of 4 on the correct side of 0.5" % right)
        if not quick:
            _without_biases()
    return right / 4


def _without_biases():
    """Show that a tanh network without biases is stuck on (0, 0)."""
    net = backprop.Network([2, 4, 1], seed=1, bias=False,
                           activation="tanh", output_activation="sigmoid",
                           loss="binary_cross_entropy")
    net.train(X, Y, epochs=300, optimizer="adam", learning_rate=0.05)
    stuck = net.predict([[0, 0]])[0][0]
    print("without biases (tanh hidden layer): 0 xor 0 predicted %r,"
          " on neither side of 0.5" % stuck)


if __name__ == "__main__":
    main()
