"""Classify Fisher's iris flowers with a 4-8-3 softmax network.

Each of the 150 flowers in iris.csv has four measurements in cm (sepal
length and width, petal length and width) and one of three species.
The script keeps 30% of the flowers aside for testing, standardises the
measurements with a mean and spread taken from the training flowers
only, encodes each species as a one-hot row, and trains a network with
a tanh hidden layer and a softmax output on the cross-entropy loss with
Adam. It prints the loss while training, then the accuracy on the
training and test flowers and any test flower it got wrong.

Run it from the repository root with ``python examples/iris.py``, or
from inside examples/ with ``python iris.py``.
"""
import sys


def _folder(path):
    """Return the folder part of a file path, or '.' if it has none."""
    path = path.replace("\\", "/")
    return path.rsplit("/", 1)[0] if "/" in path else "."


# The repository root (the folder above examples/) holds backprop.py.
# String splitting instead of os.path, which MicroPython may lack.
HERE = _folder(__file__)
ROOT = HERE + "/.."
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

import backprop  # noqa: E402

DATA = HERE + "/iris.csv"


def load_iris(path=DATA):
    """Read iris.csv and return (column names, measurements, species).

    The file is split on commas by hand, so no csv module is needed.
    """
    with open(path) as f:
        lines = [line.strip() for line in f.read().split("\n")]
    names = lines[0].split(",")
    X, species = [], []
    for line in lines[1:]:
        if line:
            fields = line.split(",")
            X.append([float(v) for v in fields[:-1]])
            species.append(fields[-1])
    return names, X, species


def main(quick=False, verbose=True, seed=0):
    """Train on the iris flowers and return the test accuracy.

    quick trains for fewer epochs, verbose=False prints nothing, and
    seed fixes the split and the initial weights.
    """
    epochs = 40 if quick else 100
    names, X, species = load_iris()
    classes = sorted(set(species))
    Y = backprop.one_hot(species, classes)
    X_train, X_test, Y_train, Y_test = backprop.train_test_split(
        X, Y, test_size=0.3, seed=seed)

    # Centre and scale with the training flowers' statistics only, so
    # nothing about the test flowers leaks into the model.
    scaler = backprop.Standardizer().fit(X_train)
    X_train = scaler.transform(X_train)
    raw_test, X_test = X_test, scaler.transform(X_test)

    net = backprop.Network([4, 8, 3], seed=seed, activation="tanh",
                           output_activation="softmax",
                           loss="cross_entropy")

    def report(epoch, loss):
        if verbose:
            print("epoch %4d  loss %.4f" % (epoch, loss))

    if verbose:
        print("inputs: %s" % ", ".join(names[:-1]))
        print("classes: %s" % ", ".join(classes))
        print("%d flowers: %d to train on, %d to test"
              % (len(X), len(X_train), len(X_test)))
    net.train(X_train, Y_train, epochs=epochs, batch_size=16,
              optimizer="adam", learning_rate=0.01, every=epochs // 10,
              callback=report)
    if verbose:
        print("after %d epochs loss %.4f"
              % (epochs, net.evaluate(X_train, Y_train)))

    predicted = net.predict(X_test)
    test_accuracy = backprop.accuracy(Y_test, predicted)
    if verbose:
        train_accuracy = backprop.accuracy(Y_train, net.predict(X_train))
        print("train accuracy %.1f%%" % (100 * train_accuracy))
        print("test accuracy  %.1f%% (%d flowers)"
              % (100 * test_accuracy, len(X_test)))
        wanted = backprop.from_one_hot(Y_test, classes)
        got = backprop.from_one_hot(predicted, classes)
        for i in range(len(X_test)):
            if wanted[i] != got[i]:
                print("  %s taken for %s: %s"
                      % (wanted[i], got[i], raw_test[i]))
    return test_accuracy


if __name__ == "__main__":
    main()
