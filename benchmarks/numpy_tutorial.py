"""The NumPy baseline that backprop.py is measured against.

A 3-4-1 network of sigmoid units without biases fits three samples by
full-batch gradient descent: learning rate 0.1, 10,000 epochs, weights
drawn from [0, 1) after np.random.seed(42). Run on its own, it prints
the mean squared error every 1000 epochs and then one prediction, in
the format of the article backprop.py grew from:

    python benchmarks/numpy_tutorial.py

benchmarks/bench.py imports train() to time the same loop in-process.
"""

import os

# The matrices here are at most 4 x 4. A BLAS thread pool only adds
# start-up and hand-over time to such products (and can stall on a busy
# machine), so NumPy is held to one thread, as the other programs are.
# These variables are read when NumPy is imported, so they come first.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_name] = "1"

import numpy as np  # noqa: E402  (must follow the settings above)

X = np.array([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]])
Y = np.array([[0.2], [0.5], [0.8]])
X_NEW = np.array([[0.2, 0.4, 0.6]])


def sigmoid(z):
    """Return 1 / (1 + exp(-z)) element-wise."""
    return 1.0 / (1.0 + np.exp(-z))


def forward(x, W1, W2):
    """Return the hidden and output activations for the rows of x."""
    a1 = sigmoid(x @ W1)
    a2 = sigmoid(a1 @ W2)
    return a1, a2


def train(epochs=10000, learning_rate=0.1, seed=42, every=1000,
          report=None):
    """Train from the seeded start; return the weights (W1, W2).

    The loss is computed every epoch, as in the original program;
    report(epoch, loss) is called on epochs divisible by `every`.
    """
    np.random.seed(seed)
    W1 = np.random.rand(3, 4)
    W2 = np.random.rand(4, 1)
    for epoch in range(epochs):
        a1, a2 = forward(X, W1, W2)
        loss = np.mean((Y - a2) ** 2)
        # With E = 1/2 sum (y - a2)^2, -dE/dz2 = (y - a2) * a2 * (1 - a2)
        # and -dE/dz1 = (-dE/dz2 @ W2^T) * a1 * (1 - a1); adding
        # learning_rate times a^T @ (-dE/dz) is a step down the gradient.
        d2 = (Y - a2) * a2 * (1.0 - a2)
        d1 = (d2 @ W2.T) * a1 * (1.0 - a1)
        W2 += (a1.T @ d2) * learning_rate
        W1 += (X.T @ d1) * learning_rate
        if report is not None and epoch % every == 0:
            report(epoch, loss)
    return W1, W2


def main():
    def show(epoch, loss):
        print("Epoch {}, Loss: {}".format(epoch, loss))

    W1, W2 = train(report=show)
    print("Testing predictions: {}".format(forward(X_NEW, W1, W2)[1]))


if __name__ == "__main__":
    main()
