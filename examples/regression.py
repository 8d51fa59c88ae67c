"""Fit a curve, y = 3 sin(x) + 0.5 x, with a 1-12-1 tanh network.

A sigmoid output can only say numbers between 0 and 1, but y here runs
from about -4 to 4. So the output layer uses the identity activation
(the network's answer is z itself) and the loss is the mean squared
error. The inputs x, drawn evenly from [-5, 5], are standardised; the
targets are left as they are.

The script prints the loss while training, then the mean absolute
error (MAE) on test points it never saw, beside two yardsticks: the
spread of y, and the MAE of always answering the mean of the training
targets. Last come a few points of the curve next to the predictions.

Run it from the repository root with ``python examples/regression.py``,
or from inside examples/ with ``python regression.py``.
"""
import math
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


def curve(x):
    """Return the function to learn: 3 sin(x) + 0.5 x."""
    return 3 * math.sin(x) + 0.5 * x


def make_data(n, seed):
    """Return n rows [x] with x uniform in [-5, 5], and rows [curve(x)]."""
    rng = backprop.MersenneTwister(seed)
    X = [[rng.uniform(-5, 5)] for _ in range(n)]
    Y = [[curve(x[0])] for x in X]
    return X, Y


def mean_absolute_error(Y, P):
    """Return the mean of |y - p| over one-column rows Y and P."""
    total = 0.0
    for y, p in zip(Y, P):
        total += abs(y[0] - p[0])
    return total / len(Y)


def mean(values):
    """Return the arithmetic mean of a list of numbers."""
    total = 0.0
    for v in values:
        total += v
    return total / len(values)


def main(quick=False, verbose=True, seed=0):
    """Fit the curve and return the mean absolute error on test points.

    quick trains for fewer epochs, verbose=False prints nothing, and
    seed fixes the data, the split and the initial weights.
    """
    epochs = 100 if quick else 400
    X, Y = make_data(200, seed)
    X_train, X_test, Y_train, Y_test = backprop.train_test_split(
        X, Y, test_size=0.25, seed=seed)
    # Only the inputs are standardised; the targets keep their units.
    scaler = backprop.Standardizer().fit(X_train)
    X_train = scaler.transform(X_train)

    net = backprop.Network([1, 12, 1], seed=seed, activation="tanh",
                           output_activation="identity", loss="mse")

    def report(epoch, loss):
        if verbose:
            print("epoch %4d  loss %.4f" % (epoch, loss))

    net.train(X_train, Y_train, epochs=epochs,
              batch_size=16, optimizer="adam", learning_rate=0.05,
              every=epochs // 10, callback=report)
    if verbose:
        print("after %d epochs loss %.4f"
              % (epochs, net.evaluate(X_train, Y_train)))

    predicted = net.predict(scaler.transform(X_test))
    error = mean_absolute_error(Y_test, predicted)
    if verbose:
        # A model that learnt nothing would answer the same number for
        # every x; the training mean is the best such number for MSE.
        centre = mean([y[0] for y in Y_train])
        baseline = mean_absolute_error(Y_test, [[centre]] * len(Y_test))
        y_test = [y[0] for y in Y_test]
        centre_test = mean(y_test)
        spread = math.sqrt(mean([(y - centre_test) ** 2 for y in y_test]))
        print("%d test points, y from %.2f to %.2f, standard deviation %.2f"
              % (len(y_test), min(y_test), max(y_test), spread))
        print("MAE always answering the mean %.3f" % baseline)
        print("MAE of the network            %.3f" % error)
        print("     x   3 sin(x) + 0.5 x   network")
        for x in (-4.0, -2.0, 0.0, 2.0, 4.0):
            p = net.predict(scaler.transform([[x]]))[0][0]
            print("%6.1f   %16.3f   %7.3f" % (x, curve(x), p))
    return error


if __name__ == "__main__":
    main()
