"""Neural networks trained by backpropagation, written out by hand.

One file, standard library only, for any Python from 3.6 on, PyPy,
Pyodide and MicroPython. Every step of training is plain code that can
be read beside its formula: the forward pass, the loss, the deltas of
the backward pass and the update.

Notation (rows are samples, as in the code)::

    x, X      one input row; a batch of them, one row per sample
    y, Y      target row; a batch of them
    W         weights of one layer, n_in x n_out: W[i][j] joins unit i
              of the layer below to unit j of the layer above
    b         biases of one layer, n_out values
    z         pre-activation: z = a_prev W + b
    a         activation: a = f(z); the input layer's a is x
    E         the objective that gradients are taken of, summed over
              the samples: E = 1/2 sum (y - a)^2 for "mse"
    L         the loss that training reports, a mean: mse(Y, A)
    dW, db, dz, da    dE/d(that quantity)

Public functions and classes:

    shape, dot, matmul, transpose       matrix helpers on lists of rows
    add, subtract, multiply, scale, apply
    sigmoid, tanh, relu, identity       activations, and their
    softmax                             derivatives (*_derivative)
    mse, binary_cross_entropy           losses and metrics
    cross_entropy, accuracy
    one_hot, from_one_hot               data helpers
    Standardizer, train_test_split
    MersenneTwister                     NumPy's legacy random generator
    Network                             the network: predict, evaluate,
                                        objective, gradients, train,
                                        explain, save, load, to_dict,
                                        from_dict
    gradient_check                      gradients against finite
                                        differences
    svg_plot                            a loss curve as an SVG image
    main                                the command line

Example, the 3-4-1 network of the classic NumPy tutorial:

>>> net = Network([3, 4, 1], seed=42, bias=False)
>>> round(net.weights[0][0][0], 12)
0.374540118847
>>> losses = net.train([[0.1, 0.2, 0.3]], [[0.2]], epochs=3)
>>> len(losses), losses[2] < losses[0]
(3, True)
"""

import json
import math
import os
import random
import sys
import time

__all__ = [
    "shape", "dot", "matmul", "transpose", "add", "subtract", "multiply",
    "scale", "apply",
    "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative", "relu",
    "relu_derivative", "identity", "identity_derivative", "softmax",
    "mse", "binary_cross_entropy", "cross_entropy", "accuracy",
    "one_hot", "from_one_hot", "Standardizer", "train_test_split",
    "MersenneTwister", "Network", "gradient_check", "svg_plot", "main",
    "FORMAT_NAME", "FORMAT_VERSION", "DOT_KERNEL",
]

__version__ = "1.0.0"

exp = math.exp
INF = float("inf")


# --- Matrix helpers ---

# Every product in the module is a dot product of two rows, so the
# fastest portable kernel is picked once, here. math.sumprod (3.12+)
# runs in C with extended precision; sum(map(mul, ...)) runs in C too;
# MicroPython has neither, and gets the plain loop.
try:
    from math import sumprod as dot
    DOT_KERNEL = "math.sumprod"
except ImportError:
    try:
        from operator import mul as _mul

        def dot(u, v):
            """Return the dot product sum_i u[i] * v[i] of two rows.

            The rows must have the same length; this is not checked,
            since it is the innermost kernel of the module.

            >>> dot([1, 2, 3], [4, 5, 6])
            32
            """
            return sum(map(_mul, u, v))

        DOT_KERNEL = "sum(map(operator.mul))"
    except ImportError:
        def dot(u, v):
            """Return the dot product sum_i u[i] * v[i] of two rows."""
            total = 0.0
            for p, q in zip(u, v):
                total += p * q
            return total

        DOT_KERNEL = "loop"


def shape(a):
    """Return (rows, columns) of matrix a, a non-empty list of rows.

    Raises TypeError if a is not a list of lists, and ValueError if it
    is empty or ragged (rows of different lengths). The elements are
    not looked at; the other helpers also check that they are finite
    numbers.

    >>> shape([[1, 2, 3], [4, 5, 6]])
    (2, 3)
    """
    return _shape(a, "shape", "the matrix", False)


def _shape(a, func, name, numbers=True):
    """Return the shape of matrix a, or raise naming func and name.

    With numbers, every element must also be a finite int or float.
    """
    if not isinstance(a, (list, tuple)):
        raise TypeError("%s: %s must be a list of rows, got %s"
                        % (func, name, type(a).__name__))
    if not a:
        raise ValueError("%s: %s is empty; expected at least one row"
                         % (func, name))
    n = None
    for r, row in enumerate(a):
        if not isinstance(row, (list, tuple)):
            raise TypeError("%s: %s row %d is a %s, expected a list"
                            % (func, name, r, type(row).__name__))
        if n is None:
            n = len(row)
            if n == 0:
                raise ValueError("%s: %s row 0 is empty; expected at least "
                                 "one column" % (func, name))
        elif len(row) != n:
            raise ValueError("%s: %s is ragged: row %d has %d values, row 0 "
                             "has %d" % (func, name, r, len(row), n))
        if numbers:
            for c, v in enumerate(row):
                if type(v) is not int and (type(v) is not float
                                           or not -INF < v < INF):
                    _as_number(v, func, "%s[%d][%d]" % (name, r, c))
    return (len(a), n)


def _same_shape(func, a, b, names=("a", "b")):
    sa, sb = _shape(a, func, names[0]), _shape(b, func, names[1])
    if sa != sb:
        raise ValueError("%s: shapes %dx%d and %dx%d differ; expected the "
                         "same shape" % ((func,) + sa + sb))


def transpose(a):
    """Return the transpose of a: t[j][i] = a[i][j].

    a is m x n; returns n x m. Raises ValueError if a is empty or
    ragged.

    >>> transpose([[1, 2, 3], [4, 5, 6]])
    [[1, 4], [2, 5], [3, 6]]
    """
    _shape(a, "transpose", "a")
    return [list(col) for col in zip(*a)]


def matmul(a, b):
    """Return the matrix product c = a b.

    c[i][j] = sum_k a[i][k] b[k][j].

    a is m x n, b is n x p; returns m x p. Raises ValueError naming both
    shapes if the columns of a differ from the rows of b.

    >>> matmul([[1, 2], [3, 4]], [[5], [6]])
    [[17], [39]]
    """
    (m, n), (n2, p) = _shape(a, "matmul", "a"), _shape(b, "matmul", "b")
    if n != n2:
        raise ValueError("matmul: columns of a (%d) must equal rows of b "
                         "(%d); shapes are %dx%d and %dx%d"
                         % (n, n2, m, n, n2, p))
    columns = list(zip(*b))
    return [[dot(row, col) for col in columns] for row in a]


def add(a, b):
    """Return the element-wise sum a + b of two matrices of one shape.

    >>> add([[1, 2]], [[3, 4]])
    [[4, 6]]
    """
    _same_shape("add", a, b)
    return [[p + q for p, q in zip(r, s)] for r, s in zip(a, b)]


def subtract(a, b):
    """Return the element-wise difference a - b of two matrices.

    >>> subtract([[1, 2]], [[3, 5]])
    [[-2, -3]]
    """
    _same_shape("subtract", a, b)
    return [[p - q for p, q in zip(r, s)] for r, s in zip(a, b)]


def multiply(a, b):
    """Return the element-wise (Hadamard) product a * b of two matrices.

    >>> multiply([[1, 2]], [[3, 4]])
    [[3, 8]]
    """
    _same_shape("multiply", a, b)
    return [[p * q for p, q in zip(r, s)] for r, s in zip(a, b)]


def scale(a, c):
    """Return c * a, every element of matrix a times the number c.

    >>> scale([[1, 2]], 0.5)
    [[0.5, 1.0]]
    """
    _shape(a, "scale", "a")
    _as_number(c, "scale", "c")
    return [[c * p for p in row] for row in a]


def apply(f, a):
    """Return f applied to every element of matrix a.

    >>> apply(abs, [[-1, 2]])
    [[1, 2]]
    """
    _shape(a, "apply", "a")
    if not callable(f):
        raise TypeError("apply: f must be a function, got %r" % (f,))
    return [[f(p) for p in row] for row in a]


# --- Random numbers ---

class MersenneTwister:
    """MT19937 seeded as NumPy's legacy np.random.seed(seed) seeds it.

    random() returns the same floats as np.random.rand() after
    np.random.seed(seed), on every interpreter: the generator uses only
    integer arithmetic, so it does not depend on the random module,
    which MicroPython implements with another algorithm. Reference:
    Matsumoto and Nishimura, ACM TOMACS 8(1), 1998.

    >>> rng = MersenneTwister(42)
    >>> rng.random()
    0.3745401188473625
    """

    N = 624

    def __init__(self, seed):
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError("MersenneTwister: seed must be an int, got %s"
                            % type(seed).__name__)
        if not 0 <= seed <= 0xFFFFFFFF:
            raise ValueError("MersenneTwister: seed must be in "
                             "[0, 2**32 - 1], got %r" % (seed,))
        mt = [seed]
        for i in range(1, self.N):
            prev = mt[i - 1]
            mt.append((1812433253 * (prev ^ (prev >> 30)) + i) & 0xFFFFFFFF)
        self._mt = mt
        self._index = self.N

    def _twist(self):
        mt, n = self._mt, self.N
        for i in range(n):
            y = (mt[i] & 0x80000000) | (mt[(i + 1) % n] & 0x7FFFFFFF)
            v = mt[(i + 397) % n] ^ (y >> 1)
            if y & 1:
                v ^= 0x9908B0DF
            mt[i] = v
        self._index = 0

    def next_uint32(self):
        """Return the next 32-bit output of the generator."""
        if self._index >= self.N:
            self._twist()
        y = self._mt[self._index]
        self._index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C5680
        y ^= (y << 15) & 0xEFC60000
        return y ^ (y >> 18)

    def random(self):
        """Return a float uniform on [0, 1) with 53 random bits.

        x = (a * 2**26 + b) / 2**53, with a and b the top 27 and 26 bits
        of two outputs: exact in binary, so the same everywhere.
        """
        a = self.next_uint32() >> 5
        b = self.next_uint32() >> 6
        return (a * 67108864.0 + b) / 9007199254740992.0

    def uniform(self, low, high):
        """Return a float uniform on [low, high)."""
        return low + (high - low) * self.random()

    def randbelow(self, n):
        """Return an int uniform on [0, n), for 1 <= n <= 2**32.

        Draws 32-bit outputs, masked to the smallest power of two that
        covers n, until one falls below n (no modulo bias).
        """
        if isinstance(n, bool) or not isinstance(n, int):
            raise TypeError("randbelow: n must be an int, got %r" % (n,))
        if not 1 <= n <= 0x100000000:
            raise ValueError("randbelow: n must be in [1, 2**32], got %r"
                             % (n,))
        mask = 1
        while mask < n:
            mask <<= 1
        mask -= 1
        while True:
            r = self.next_uint32() & mask
            if r < n:
                return r

    def shuffle(self, items):
        """Shuffle the list items in place (Fisher-Yates)."""
        for i in range(len(items) - 1, 0, -1):
            j = self.randbelow(i + 1)
            items[i], items[j] = items[j], items[i]


def _fresh_seed():
    # The random module's own state differs between interpreters, but
    # a fresh start only needs to differ from run to run.
    return (random.getrandbits(32) ^ int(time.time() * 1000)) & 0xFFFFFFFF


# --- Activations ---

def sigmoid(z):
    """Return the logistic function sigmoid(z) = 1 / (1 + exp(-z)).

    Never raises and stays in [0, 1] for every finite z: below about
    z = -709, where exp(-z) overflows, it returns exp(z), which equals
    exp(z) / (1 + exp(z)) to double precision there.

    >>> sigmoid(0)
    0.5
    >>> sigmoid(-1000), sigmoid(1000)
    (0.0, 1.0)
    """
    try:
        return 1.0 / (1.0 + exp(-z))
    except (OverflowError, ValueError):
        # CPython raises OverflowError, MicroPython ValueError.
        return exp(z)


def sigmoid_derivative(s):
    """Return sigmoid'(z) from the sigmoid's output s: s * (1 - s).

    >>> sigmoid_derivative(0.5)
    0.25
    """
    return s * (1.0 - s)


def tanh(z):
    """Return tanh(z) = (e^z - e^-z) / (e^z + e^-z).

    >>> tanh(0)
    0.0
    """
    return math.tanh(z)


def tanh_derivative(a):
    """Return tanh'(z) from the output a = tanh(z): 1 - a^2.

    >>> tanh_derivative(0.5)
    0.75
    """
    return 1.0 - a * a


def relu(z):
    """Return the rectifier relu(z) = max(0, z).

    >>> relu(-2.0), relu(3.0)
    (0.0, 3.0)
    """
    return z if z > 0.0 else 0.0


def relu_derivative(a):
    """Return relu'(z) from the output a: 1 where a > 0, else 0.

    At z = 0 the derivative is taken as 0.

    >>> relu_derivative(3.0), relu_derivative(0.0)
    (1.0, 0.0)
    """
    return 1.0 if a > 0.0 else 0.0


def identity(z):
    """Return z unchanged: the activation of a regression output.

    >>> identity(-7.5)
    -7.5
    """
    return z


def identity_derivative(a):
    """Return the identity's derivative, 1, whatever the output a.

    >>> identity_derivative(-7.5)
    1.0
    """
    return 1.0


def softmax(z):
    """Return softmax of the row z: a_k = exp(z_k) / sum_j exp(z_j).

    The largest z is subtracted first, which changes nothing in exact
    arithmetic and keeps exp from overflowing. Raises ValueError for an
    empty row.

    >>> softmax([0.0, 0.0])
    [0.5, 0.5]
    """
    if not z:
        raise ValueError("softmax: row is empty; expected at least one "
                         "value")
    top = max(z)
    e = [exp(v - top) for v in z]
    total = 0.0
    for v in e:
        total += v
    return [v / total for v in e]


# Batch versions for the network's inner loops, one per activation.
# Each forward kernel takes the activations A of the layer below (one
# row per sample), the transposed weights Wt (row j holds the weights
# into unit j) and the biases b, and returns a = f(z) with
# z_j = dot(a_prev, Wt[j]) + b_j for every row: one dot product per
# unit and sample, with f applied in the same pass. Each delta kernel
# takes G = dE/da and A and returns dE/dz = dE/da * f'(z), with f'
# written in terms of the output a.

def _sigmoid_layer(A, Wt, b):
    try:
        # -(dot + c) is -dot - c exactly: rounding is symmetric.
        return [[1.0 / (1.0 + exp(-dot(x, w) - c)) for w, c in zip(Wt, b)]
                for x in A]
    except (OverflowError, ValueError):
        # Some z was below about -709: redo the layer the safe way.
        return [[sigmoid(dot(x, w) + c) for w, c in zip(Wt, b)]
                for x in A]


def _sigmoid_delta(G, A):
    # dz = da * a * (1 - a)
    return [[g * s * (1.0 - s) for g, s in zip(gs, a)]
            for gs, a in zip(G, A)]


def _tanh_layer(A, Wt, b):
    return [[math.tanh(dot(x, w) + c) for w, c in zip(Wt, b)] for x in A]


def _tanh_delta(G, A):
    # dz = da * (1 - a^2)
    return [[g * (1.0 - t * t) for g, t in zip(gs, a)]
            for gs, a in zip(G, A)]


def _relu_layer(A, Wt, b):
    return [[max(dot(x, w) + c, 0.0) for w, c in zip(Wt, b)] for x in A]


def _relu_delta(G, A):
    # dz = da where the unit was active, else 0
    return [[g if s > 0.0 else 0.0 for g, s in zip(gs, a)]
            for gs, a in zip(G, A)]


def _identity_layer(A, Wt, b):
    return [[dot(x, w) + c for w, c in zip(Wt, b)] for x in A]


def _identity_delta(G, A):
    return G


def _softmax_layer(A, Wt, b):
    return [softmax([dot(x, w) + c for w, c in zip(Wt, b)]) for x in A]


def _times_transpose(G, Wt):
    """Return G W^T: row s holds sum_j G[s][j] W[i][j] for every i.

    This passes dE/dz of a layer back to the activations below it.
    """
    if len(Wt) == 1:
        # A single unit above (a common output layer): no sums needed,
        # just its weights scaled, which saves one call per element.
        w = Wt[0]
        return [[g[0] * v for v in w] for g in G]
    W_rows = list(zip(*Wt))
    return [[dot(g, w) for w in W_rows] for g in G]


# name: (scalar function, derivative from the output, forward kernel,
#        delta kernel); softmax has no element-wise derivative and is
#        only allowed as an output paired with cross-entropy.
ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_derivative, _sigmoid_layer,
                _sigmoid_delta),
    "tanh": (tanh, tanh_derivative, _tanh_layer, _tanh_delta),
    "relu": (relu, relu_derivative, _relu_layer, _relu_delta),
    "identity": (identity, identity_derivative, _identity_layer,
                 _identity_delta),
    "softmax": (None, None, _softmax_layer, None),
}
HIDDEN_ACTIVATIONS = ("sigmoid", "tanh", "relu", "identity")
OUTPUT_ACTIVATIONS = HIDDEN_ACTIVATIONS + ("softmax",)


# --- Losses and metrics ---

# The smallest probability a cross-entropy takes the log of: a
# confident wrong prediction then costs -ln(1e-12) ~ 27.6, not infinity.
EPSILON = 1e-12


def _mse_sum(Y, A):
    total = 0.0
    for y, a in zip(Y, A):
        for t, p in zip(y, a):
            total += (t - p) * (t - p)
    return total, len(Y) * len(Y[0])


def _bce_sum(Y, A):
    total = 0.0
    for y, a in zip(Y, A):
        for t, p in zip(y, a):
            p = min(max(p, EPSILON), 1.0 - EPSILON)
            total -= t * math.log(p) + (1.0 - t) * math.log(1.0 - p)
    return total, len(Y) * len(Y[0])


def _ce_sum(Y, A):
    total = 0.0
    for y, a in zip(Y, A):
        for t, p in zip(y, a):
            if t:
                total -= t * math.log(max(p, EPSILON))
    return total, len(Y)


_LOSS_SUMS = {"mse": _mse_sum, "binary_cross_entropy": _bce_sum,
              "cross_entropy": _ce_sum}


def _mean_loss(name, y_true, y_pred):
    _same_shape(name, y_true, y_pred, ("y_true", "y_pred"))
    y_true = _as_matrix(y_true, "y_true", name)
    y_pred = _as_matrix(y_pred, "y_pred", name)
    total, count = _LOSS_SUMS[name](y_true, y_pred)
    return total / count


def mse(y_true, y_pred):
    """Return the mean squared error, the mean of (y - a)^2.

    The mean is over all elements.

    y_true and y_pred are matrices of one shape. Raises ValueError if
    the shapes differ.

    >>> mse([[0.0, 1.0]], [[0.5, 0.5]])
    0.25
    """
    return _mean_loss("mse", y_true, y_pred)


def binary_cross_entropy(y_true, y_pred):
    """Return -mean(y ln a + (1 - y) ln(1 - a)) over all elements.

    Predictions are clipped to [1e-12, 1 - 1e-12] first, so a
    confident wrong prediction costs about 27.6, never infinity.

    >>> round(binary_cross_entropy([[1.0]], [[0.5]]), 12)
    0.69314718056
    """
    return _mean_loss("binary_cross_entropy", y_true, y_pred)


def cross_entropy(y_true, y_pred):
    """Return -mean over rows of sum_k y_k ln a_k (targets one-hot).

    Predictions are clipped below at 1e-12, so a confident wrong
    prediction costs about 27.6, never infinity.

    >>> round(cross_entropy([[0.0, 1.0]], [[0.5, 0.5]]), 12)
    0.69314718056
    """
    return _mean_loss("cross_entropy", y_true, y_pred)


def _argmax(row):
    best = 0
    for k in range(1, len(row)):
        if row[k] > row[best]:
            best = k
    return best


def accuracy(y_true, y_pred):
    """Return the share of rows whose predicted class is the true one.

    With several columns (one-hot targets, softmax outputs) the class
    is the arg-max of each row; with one column it is 1 when the value
    is at least 0.5, else 0. Raises ValueError if the shapes differ.

    >>> accuracy([[1, 0], [0, 1]], [[0.9, 0.1], [0.8, 0.2]])
    0.5
    >>> accuracy([[1], [0]], [[0.7], [0.2]])
    1.0
    """
    _same_shape("accuracy", y_true, y_pred, ("y_true", "y_pred"))
    right = 0
    for t_row, p_row in zip(y_true, y_pred):
        if len(t_row) == 1:
            right += (t_row[0] >= 0.5) == (p_row[0] >= 0.5)
        else:
            right += _argmax(t_row) == _argmax(p_row)
    return right / len(y_true)


# --- Data helpers ---

def one_hot(labels, classes=None):
    """Return one row per label: 1.0 in its class's column, else 0.0.

    classes fixes the columns' order; by default it is the sorted
    distinct labels. Raises ValueError for an empty list or a label
    not in classes.

    >>> one_hot(["b", "a", "b"])
    [[0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    """
    if not isinstance(labels, (list, tuple)):
        raise TypeError("one_hot: labels must be a list, got %s"
                        % type(labels).__name__)
    if not labels:
        raise ValueError("one_hot: no labels; expected at least one")
    if classes is None:
        classes = sorted(set(labels))
    column = {}
    for k, c in enumerate(classes):
        column[c] = k
    rows = []
    for label in labels:
        if label not in column:
            raise ValueError("one_hot: label %r is not one of the classes "
                             "%r" % (label, list(classes)))
        row = [0.0] * len(classes)
        row[column[label]] = 1.0
        rows.append(row)
    return rows


def from_one_hot(rows, classes=None):
    """Return the arg-max of each row, or classes[arg-max] if given.

    This turns one-hot targets or softmax outputs back into labels.

    >>> from_one_hot([[0.1, 0.9], [0.7, 0.3]], ["a", "b"])
    ['b', 'a']
    """
    _shape(rows, "from_one_hot", "rows")
    picks = [_argmax(row) for row in rows]
    if classes is None:
        return picks
    if len(classes) != len(rows[0]):
        raise ValueError("from_one_hot: %d classes for rows of %d values; "
                         "expected one class per column"
                         % (len(classes), len(rows[0])))
    return [classes[k] for k in picks]


class Standardizer:
    """Scale each feature to mean 0 and standard deviation 1.

    x' = (x - mean) / std, with the statistics of the data given to
    fit() kept in .mean and .std, so that new data is scaled the same
    way. A constant feature (std 0) gets std 1, so it maps to 0.

    >>> s = Standardizer().fit([[1.0], [3.0]])
    >>> s.mean, s.std, s.transform([[5.0]])
    ([2.0], [1.0], [[3.0]])
    """

    def __init__(self, mean=None, std=None):
        if (mean is None) != (std is None):
            raise ValueError("Standardizer: give both mean and std, or "
                             "neither")
        if mean is not None:
            mean, std = _as_matrix([mean, std], "[mean, std]",
                                   "Standardizer")
            if min(std) <= 0.0:
                raise ValueError("Standardizer: std must be positive, got "
                                 "%r" % (std,))
        self.mean = mean
        self.std = std

    def fit(self, X):
        """Keep each column's mean and population std; return self."""
        X = _as_matrix(X, "X", "Standardizer.fit")
        n = len(X)
        mean, std = [], []
        for col in zip(*X):
            total = 0.0
            for v in col:
                total += v
            mu = total / n
            var = 0.0
            for v in col:
                var += (v - mu) * (v - mu)
            sd = math.sqrt(var / n)
            mean.append(mu)
            std.append(sd if sd > 0.0 else 1.0)
        self.mean, self.std = mean, std
        return self

    def transform(self, X):
        """Return X scaled with the fitted statistics."""
        if self.mean is None:
            raise ValueError("Standardizer.transform: call fit() first")
        X = _as_matrix(X, "X", "Standardizer.transform", len(self.mean))
        return [[(v - m) / s for v, m, s in zip(row, self.mean, self.std)]
                for row in X]

    def fit_transform(self, X):
        """Fit to X and return X scaled."""
        return self.fit(X).transform(X)

    def inverse_transform(self, X):
        """Return scaled rows mapped back: x = x' * std + mean."""
        if self.mean is None:
            raise ValueError("Standardizer.inverse_transform: call fit() "
                             "first")
        X = _as_matrix(X, "X", "Standardizer.inverse_transform",
                       len(self.mean))
        return [[v * s + m for v, m, s in zip(row, self.mean, self.std)]
                for row in X]

    def to_dict(self):
        """Return {"mean": [...], "std": [...]} for saving."""
        return {"mean": list(self.mean), "std": list(self.std)}

    @classmethod
    def from_dict(cls, d):
        """Return a Standardizer with the statistics of to_dict()."""
        return cls(list(d["mean"]), list(d["std"]))


def train_test_split(X, Y, test_size=0.25, seed=None):
    """Split rows into (X_train, X_test, Y_train, Y_test) at random.

    test_size is the share of rows held out, between 0 and 1; at least
    one row goes to each side. The same seed gives the same split on
    every interpreter. Raises ValueError if X and Y have different row
    counts or fewer than two rows.

    >>> X = [[1], [2], [3], [4]]
    >>> parts = train_test_split(X, X, test_size=0.5, seed=0)
    >>> [len(p) for p in parts]
    [2, 2, 2, 2]
    """
    for name, rows in (("X", X), ("Y", Y)):
        if not isinstance(rows, (list, tuple)):
            raise TypeError("train_test_split: %s must be a list of rows, "
                            "got %s" % (name, type(rows).__name__))
    test_size = _number(test_size, "train_test_split", "test_size")
    n = len(X)
    if n != len(Y):
        raise ValueError("train_test_split: X has %d rows but Y has %d; "
                         "expected one target row per input row"
                         % (n, len(Y)))
    if n < 2:
        raise ValueError("train_test_split: need at least 2 rows, got %d"
                         % n)
    if not 0.0 < test_size < 1.0:
        raise ValueError("train_test_split: test_size must be between 0 "
                         "and 1, got %r" % (test_size,))
    # Round half up (round() would round 2.5 to 2 but 1.5 to 2 as well).
    n_test = min(n - 1, max(1, int(n * test_size + 0.5)))
    order = list(range(n))
    MersenneTwister(_fresh_seed() if seed is None else seed).shuffle(order)
    test, train = order[:n_test], order[n_test:]
    return ([X[i] for i in train], [X[i] for i in test],
            [Y[i] for i in train], [Y[i] for i in test])


# --- Checking input ---

def _as_number(v, func, where):
    """Return v as a finite float, or raise naming func and where."""
    if type(v) is not float:
        if (isinstance(v, (str, bytes, bool)) or v is None
                or isinstance(v, (list, tuple, dict))):
            raise TypeError("%s: %s is %r (%s), expected a number"
                            % (func, where, v, type(v).__name__))
        try:
            v = float(v)
        except OverflowError:
            raise ValueError("%s: %s is an int too large for a float; "
                             "expected a finite number" % (func, where))
        except (TypeError, ValueError):
            raise TypeError("%s: %s is %r (%s), expected a finite number"
                            % (func, where, v, type(v).__name__))
    if not -INF < v < INF:
        raise ValueError("%s: %s is %r; expected a finite number (no NaN "
                         "or infinity)" % (func, where, v))
    return v


def _as_matrix(m, name, func, width=None, what="column"):
    """Return m as a new list of float rows, checked on the way.

    m must be a non-empty list of equally long rows of finite numbers;
    if width is given, each row must have that many values.
    """
    if not isinstance(m, (list, tuple)):
        raise TypeError("%s: %s must be a list of rows, got %s"
                        % (func, name, type(m).__name__))
    if not m:
        raise ValueError("%s: %s is empty; expected at least one row"
                         % (func, name))
    if width is None:
        row = m[0]
        width = len(row) if isinstance(row, (list, tuple)) else None
        if width == 0:
            raise ValueError("%s: %s row 0 is empty; expected at least one "
                             "value" % (func, name))
    out = []
    for r, row in enumerate(m):
        if not isinstance(row, (list, tuple)):
            raise TypeError("%s: %s row %d is a %s, expected a list of "
                            "numbers" % (func, name, r, type(row).__name__))
        if len(row) != width:
            raise ValueError("%s: %s row %d has %d values, expected %d "
                             "(one per %s)"
                             % (func, name, r, len(row), width, what))
        new = []
        for c, v in enumerate(row):
            if type(v) is not float or not -INF < v < INF:
                v = _as_number(v, func, "%s[%d][%d]" % (name, r, c))
            new.append(v)
        out.append(new)
    return out


def _positive(value, func, name):
    """Return value as a float if it is a positive finite number."""
    value = _number(value, func, name)
    if not 0.0 < value < INF:
        raise ValueError("%s: %s must be a positive finite number, got %r"
                         % (func, name, value))
    return value


def _number(value, func, name):
    """Return value as a float: an int, a float or a number type that
    converts (such as NumPy's), but not a bool or a string."""
    if isinstance(value, (bool, str, bytes)) or not (
            isinstance(value, (int, float)) or hasattr(value, "__float__")):
        raise TypeError("%s: %s must be a number, got %r"
                        % (func, name, value))
    try:
        return float(value)
    except OverflowError:
        raise ValueError("%s: %s is too large for a float" % (func, name))


def _count(value, func, name, low):
    """Return value as an int if it is a whole number no smaller than
    low: an int or an integer type with __index__ (such as NumPy's)."""
    if isinstance(value, bool) or not isinstance(value, int):
        index = getattr(value, "__index__", None)
        if index is None or isinstance(value, bool):
            raise TypeError("%s: %s must be an int, got %r"
                            % (func, name, value))
        value = index()
    if value < low:
        raise ValueError("%s: %s must be at least %d, got %d"
                         % (func, name, low, value))
    return value


# --- Network: construction ---

LOSSES = ("mse", "binary_cross_entropy", "cross_entropy")
INITS = ("uniform", "xavier", "he")
OPTIMIZERS = ("sgd", "momentum", "adam")


def _check_design(func, sizes, activation, output_activation, loss, init):
    """Return sizes as a list of ints, or raise if the sizes or the
    choice of functions make no sense."""
    if not isinstance(sizes, (list, tuple)):
        raise TypeError("%s: sizes must be a list of layer sizes such as "
                        "[3, 4, 1], got %r" % (func, sizes))
    if len(sizes) < 2:
        raise ValueError("%s: sizes needs at least two layers (inputs and "
                         "outputs), got %r" % (func, list(sizes)))
    sizes = [_count(n, func, "sizes[%d]" % k, 1)
             for k, n in enumerate(sizes)]
    if activation not in HIDDEN_ACTIVATIONS:
        raise ValueError("%s: activation must be one of %s, got %r"
                         % (func, ", ".join(HIDDEN_ACTIVATIONS), activation))
    if output_activation not in OUTPUT_ACTIVATIONS:
        raise ValueError("%s: output_activation must be one of %s, got %r"
                         % (func, ", ".join(OUTPUT_ACTIVATIONS),
                            output_activation))
    if loss not in LOSSES:
        raise ValueError("%s: loss must be one of %s, got %r"
                         % (func, ", ".join(LOSSES), loss))
    if init is not None and init not in INITS:
        raise ValueError("%s: init must be one of %s, got %r"
                         % (func, ", ".join(INITS), init))
    out = output_activation
    if out == "softmax" and sizes[-1] < 2:
        raise ValueError("%s: softmax over a single output is always 1; "
                         "use output_activation='sigmoid' with "
                         "loss='binary_cross_entropy'" % func)
    if out == "softmax" and loss != "cross_entropy":
        raise ValueError("%s: a softmax output goes with "
                         "loss='cross_entropy', not %r" % (func, loss))
    if loss == "cross_entropy" and out != "softmax":
        raise ValueError("%s: loss='cross_entropy' needs "
                         "output_activation='softmax' (got %r); for a "
                         "sigmoid output use loss='binary_cross_entropy'"
                         % (func, out))
    if loss == "binary_cross_entropy" and out != "sigmoid":
        raise ValueError("%s: loss='binary_cross_entropy' needs "
                         "output_activation='sigmoid' (got %r), whose "
                         "outputs are probabilities; use loss='mse' for "
                         "%s outputs" % (func, out, out))
    return sizes


def _default_init(activation):
    # The tutorial draws sigmoid weights uniformly from [0, 1); tanh and
    # identity layers keep their signal's variance with Glorot's range,
    # and rectifiers, which zero half their inputs, with He's.
    return {"sigmoid": "uniform", "relu": "he"}.get(activation, "xavier")


class Network:
    """A fully connected network trained by backpropagation.

    sizes lists the units per layer, inputs first: [3, 4, 1] has 3
    inputs, 4 hidden units and 1 output. For each layer after the input

        z = a_prev W + b        a = f(z)

    with f = activation on hidden layers and output_activation on the
    last. W = weights[l] has sizes[l] rows and sizes[l + 1] columns, so
    weights[l][i][j] joins unit i of layer l to unit j of layer l + 1;
    b = biases[l] (biases is [] when bias is False). Both are plain
    lists that may be read and assigned; every call checks their shapes.

    loss is "mse" (E = 1/2 sum (y - a)^2), "binary_cross_entropy"
    (E = -sum y ln a + (1 - y) ln(1 - a), sigmoid outputs) or
    "cross_entropy" (E = -sum y ln a, softmax outputs, one-hot targets).
    E is summed over the samples of a batch, so a larger batch takes a
    larger step at the same learning rate, as in the classic delta rule.

    init chooses the initial weights, all drawn from the network's own
    MersenneTwister (.rng), seeded with seed (a fresh one when None):
    "uniform" on [0, 1) as the tutorial, "xavier" uniform on +-sqrt(6 /
    (n_in + n_out)), "he" uniform on +-sqrt(6 / n_in). The default is
    "uniform" for sigmoid hidden layers, "he" for relu and "xavier"
    otherwise. Biases start at 0, so Network([3, 4, 1], seed=42,
    bias=False) starts from np.random.seed(42); np.random.rand(3, 4);
    np.random.rand(4, 1).

    classes, scaler, target_scaler, feature_names, target_name and
    target_column start as None. They are not used by the network's
    own methods; they are saved with the model so that a program that
    loads it can prepare raw data and name its outputs, as the command
    line does.

    Raises ValueError for fewer than two layers, a size below 1, an
    unknown name or a combination that makes no sense, such as softmax
    with a single output.

    >>> net = Network([2, 1], seed=0, bias=False)
    >>> [len(W) for W in net.weights], len(net.weights[0][0])
    ([2], 1)
    """

    def __init__(self, sizes, learning_rate=0.1, seed=None, bias=True,
                 activation="sigmoid", output_activation="sigmoid",
                 loss="mse", init=None):
        self.sizes = _check_design("Network", sizes, activation,
                                   output_activation, loss, init)
        if not isinstance(bias, bool):
            raise TypeError("Network: bias must be True or False, got %r"
                            % (bias,))
        self.learning_rate = _positive(learning_rate, "Network",
                                       "learning_rate")
        self.bias = bias
        self.activation = activation
        self.output_activation = output_activation
        self.loss = loss
        self.init = init if init is not None else _default_init(activation)
        if seed is None:
            seed = _fresh_seed()
        self.seed = _count(seed, "Network", "seed", 0)
        if self.seed > 0xFFFFFFFF:
            raise ValueError("Network: seed must be in [0, 2**32 - 1], "
                             "got %r" % (seed,))
        self.rng = MersenneTwister(self.seed)
        self.weights = [self._draw(n_in, n_out)
                        for n_in, n_out in zip(self.sizes, self.sizes[1:])]
        self.biases = ([[0.0] * n for n in self.sizes[1:]] if self.bias
                       else [])
        # Saved with the model for prediction on raw data; the network's
        # own methods do not use them.
        self.classes = None
        self.scaler = None
        self.target_scaler = None
        self.feature_names = None
        self.target_name = None
        self.target_column = None

    def _draw(self, n_in, n_out):
        """Return an n_in x n_out weight matrix drawn as init says."""
        if self.init == "uniform":
            low, high = 0.0, 1.0
        else:
            fan = n_in + n_out if self.init == "xavier" else n_in
            high = math.sqrt(6.0 / fan)
            low = -high
        return [[self.rng.uniform(low, high) for j in range(n_out)]
                for i in range(n_in)]

    def __repr__(self):
        return ("Network(%r, learning_rate=%r, bias=%r, activation=%r, "
                "output_activation=%r, loss=%r)"
                % (self.sizes, self.learning_rate, self.bias,
                   self.activation, self.output_activation, self.loss))

    # Internally each layer is kept as (Wt, b): Wt is W transposed, one
    # row per unit of the layer above holding that unit's incoming
    # weights, so that z_j = dot(a_prev, Wt[j]) + b_j is one call of
    # the dot kernel. Without biases b is a row of zeros that training
    # leaves alone (adding 0.0 changes no float).

    def _params(self, func):
        """Check weights and biases; return copies as (Wt, b)."""
        n_layers = len(self.sizes) - 1
        if not isinstance(self.weights, (list, tuple)):
            raise TypeError("%s: weights must be a list of %d matrices, "
                            "got a %s" % (func, n_layers,
                                          type(self.weights).__name__))
        if len(self.weights) != n_layers:
            raise ValueError("%s: weights must be a list of %d matrices "
                             "(one per layer after the input), got %d"
                             % (func, n_layers, len(self.weights)))
        if not isinstance(self.biases, (list, tuple)):
            raise TypeError("%s: biases must be a list, got %s"
                            % (func, type(self.biases).__name__))
        if self.bias and len(self.biases) != n_layers:
            raise ValueError("%s: biases must be a list of %d rows (one "
                             "per layer after the input), got %d"
                             % (func, n_layers, len(self.biases)))
        if not self.bias and len(self.biases):
            raise ValueError("%s: biases must be [] for a network built "
                             "with bias=False, got %d rows"
                             % (func, len(self.biases)))
        params = []
        for k in range(n_layers):
            n_in, n_out = self.sizes[k], self.sizes[k + 1]
            W = self.weights[k]
            if (not isinstance(W, (list, tuple)) or len(W) != n_in
                    or not all(isinstance(r, (list, tuple))
                               and len(r) == n_out for r in W)):
                raise ValueError("%s: weights[%d] must be %d x %d (sizes[%d]"
                                 " rows of sizes[%d] values), got %s"
                                 % (func, k, n_in, n_out, k, k + 1,
                                    _describe(W)))
            W = _as_matrix(W, "weights[%d]" % k, func, n_out)
            b = [0.0] * n_out
            if self.bias:
                row = self.biases[k]
                if not isinstance(row, (list, tuple)) or len(row) != n_out:
                    raise ValueError("%s: biases[%d] must hold %d values "
                                     "(sizes[%d]), got %s"
                                     % (func, k, n_out, k + 1,
                                        "%d values" % len(row)
                                        if isinstance(row, (list, tuple))
                                        else "a " + type(row).__name__))
                b = [_as_number(v, func, "biases[%d][%d]" % (k, j))
                     for j, v in enumerate(row)]
            params.append(([list(col) for col in zip(*W)], b))
        return params

    def _publish(self, params):
        """Store working copies back as weights and biases."""
        self.weights = [[list(row) for row in zip(*Wt)] for Wt, b in params]
        self.biases = [list(b) for Wt, b in params] if self.bias else []

    def _check_x(self, X, func):
        return _as_matrix(X, "X", func, self.sizes[0], "input unit")

    def _check_data(self, X, Y, func):
        """Check a batch X with its targets Y; return float copies."""
        X = self._check_x(X, func)
        Y = _as_matrix(Y, "Y", func, self.sizes[-1], "output unit")
        if len(X) != len(Y):
            raise ValueError("%s: X has %d rows but Y has %d; expected one "
                             "target row per input row"
                             % (func, len(X), len(Y)))
        if self.loss == "binary_cross_entropy":
            for r, row in enumerate(Y):
                for c, v in enumerate(row):
                    if not 0.0 <= v <= 1.0:
                        raise ValueError(
                            "%s: Y[%d][%d] is %r; binary_cross_entropy "
                            "targets must be in [0, 1]" % (func, r, c, v))
        elif self.loss == "cross_entropy":
            for r, row in enumerate(Y):
                total = 0.0
                for v in row:
                    total += v
                if min(row) < 0.0 or abs(total - 1.0) > 1e-9:
                    raise ValueError(
                        "%s: Y row %d is %r; cross_entropy targets must be "
                        "non-negative and sum to 1 (one-hot rows, see "
                        "one_hot())" % (func, r, row))
        return X, Y

    # --- Network: forward pass ---

    def _forward(self, params, X):
        """Return the activations of every layer: [X, a_1, ..., a_L]."""
        hidden = ACTIVATIONS[self.activation][2]
        output = ACTIVATIONS[self.output_activation][2]
        acts = [X]
        for Wt, b in params[:-1]:
            # a = f(a_prev W + b), one row per sample
            acts.append(hidden(acts[-1], Wt, b))
        Wt, b = params[-1]
        acts.append(output(acts[-1], Wt, b))
        return acts

    def predict(self, X):
        """Return the outputs for the batch X, one row a sample.

        X is m x sizes[0]; returns m x sizes[-1]. Raises ValueError or
        TypeError for a ragged or empty X, a row of the wrong width, a
        non-number, NaN or infinity, or malformed weights.

        >>> net = Network([2, 1], bias=False)
        >>> net.weights = [[[0.0], [0.0]]]
        >>> net.predict([[1.0, 2.0]])
        [[0.5]]
        """
        return self._forward(self._params("predict"),
                             self._check_x(X, "predict"))[-1]

    # --- Network: loss ---

    def _loss_sum(self, Y, A):
        """Return (sum, count): the reported loss is sum / count."""
        return _LOSS_SUMS[self.loss](Y, A)

    def evaluate(self, X, Y):
        """Return the mean loss that train reports, for X and Y.

        mse: mean of (y - a)^2 over all elements; binary_cross_entropy:
        mean over all elements; cross_entropy: mean over samples.
        """
        X, Y = self._check_data(X, Y, "evaluate")
        total, count = self._loss_sum(Y, self._forward(
            self._params("evaluate"), X)[-1])
        return total / count

    def _objective(self, params, X, Y):
        total, count = self._loss_sum(Y, self._forward(params, X)[-1])
        # E is summed over samples: 1/2 sum (y - a)^2 for mse, and the
        # plain sum of the per-sample losses for the cross-entropies.
        return 0.5 * total if self.loss == "mse" else total

    def objective(self, X, Y):
        """Return E, the quantity gradients() differentiates.

        mse: E = 1/2 sum over samples and outputs of (y - a)^2;
        binary_cross_entropy: E = -sum (y ln a + (1 - y) ln(1 - a));
        cross_entropy: E = -sum y ln a. Each is summed over the batch.
        """
        X, Y = self._check_data(X, Y, "objective")
        return self._objective(self._params("objective"), X, Y)

    # --- Network: backward pass ---

    def _backward(self, params, acts, Y):
        """Return [(dWt, db), ...] for each layer: the gradient of E.

        acts are the activations of _forward; the chain rule runs from
        the output back to the first layer.
        """
        A = acts[-1]
        errors = [[p - t for p, t in zip(a, y)] for a, y in zip(A, Y)]
        if self.loss == "mse":
            # dE/da = a - y for E = 1/2 sum (y - a)^2, and
            # dE/dz = dE/da * f'(z), with f' written in terms of a.
            dZ = ACTIVATIONS[self.output_activation][3](errors, A)
        else:
            # A sigmoid with binary cross-entropy or a softmax with
            # cross-entropy: the derivatives of the loss and of the
            # activation cancel, and dE/dz = a - y.
            dZ = errors
        delta = ACTIVATIONS[self.activation][3]
        grads = []
        for k in range(len(params) - 1, -1, -1):
            A_prev = acts[k]
            dZt = list(zip(*dZ))
            # dW[i][j] = sum over samples of a_prev[i] * dz[j],
            # kept by column like Wt: dWt[j][i].
            A_prev_t = list(zip(*A_prev))
            dWt = [[dot(g, x) for x in A_prev_t] for g in dZt]
            # db[j] = sum over samples of dz[j] (from Python 3.12 on,
            # sum() adds floats with extra precision, as sumprod does)
            db = [sum(g) for g in dZt] if self.bias else None
            grads.append((dWt, db))
            if k:
                # da_prev = dz W^T, then through f' of the layer below.
                dZ = delta(_times_transpose(dZ, params[k][0]), A_prev)
        grads.reverse()
        return grads

    def gradients(self, X, Y):
        """Return (dW, db), the gradient of E over the batch X, Y.

        dW[l][i][j] = dE/dW[l][i][j] and db[l][j] = dE/db[l][j], with
        the shapes of weights and biases (db is [] without biases). E
        is summed over samples and outputs (see objective), as the delta
        rule uses it. Nothing is updated. Raises as predict does, and if
        Y is not m x sizes[-1].
        """
        X, Y = self._check_data(X, Y, "gradients")
        params = self._params("gradients")
        grads = self._backward(params, self._forward(params, X), Y)
        dW = [[list(row) for row in zip(*dWt)] for dWt, db in grads]
        db = [db for dWt, db in grads] if self.bias else []
        return dW, db

    # --- Network: training ---

    def train(self, X, Y, epochs=1, batch_size=None, optimizer="sgd",
              learning_rate=None, momentum=0.9, beta1=0.9, beta2=0.999,
              epsilon=1e-8, patience=None, min_delta=0.0, every=1,
              callback=None):
        """Train on X, Y by gradient descent; return the loss per epoch.

        Each epoch runs forward, backward and update over the whole
        batch, or over mini-batches of batch_size rows in an order
        reshuffled every epoch from .rng. Each recorded loss is the mean
        loss (see evaluate) over the epoch, each batch measured before
        its own update: for full batches, before that epoch's update.

        optimizer, with g = dE/dw and lr = learning_rate (by default
        .learning_rate):
          "sgd"       w <- w - lr g
          "momentum"  v <- momentum v - lr g;  w <- w + v
          "adam"      m <- beta1 m + (1 - beta1) g
                      s <- beta2 s + (1 - beta2) g^2
                      w <- w - lr (m / (1 - beta1^t))
                                 / (sqrt(s / (1 - beta2^t)) + epsilon)
        (Kingma and Ba, 2015). The optimiser's state starts afresh at
        every call.

        patience stops training once the loss has not fallen by more
        than min_delta for that many epochs. callback(epoch, loss), if
        given, is called after every epoch divisible by every, with the
        weights already updated; returning True stops training.

        Everything is checked before the first update. Raises ValueError
        or TypeError for bad data or settings, and ValueError if the loss
        becomes NaN or infinite (lower the learning rate); a call that
        raises leaves the network as it was.
        """
        func = "train"
        X, Y = self._check_data(X, Y, func)
        epochs = _count(epochs, func, "epochs", 0)
        lr = self.learning_rate if learning_rate is None else learning_rate
        lr = _positive(lr, func, "learning_rate")
        if batch_size is not None:
            batch_size = _count(batch_size, func, "batch_size", 1)
        if optimizer not in OPTIMIZERS:
            raise ValueError("train: optimizer must be one of %s, got %r"
                             % (", ".join(OPTIMIZERS), optimizer))
        rates = []
        for name, value in (("momentum", momentum), ("beta1", beta1),
                            ("beta2", beta2)):
            value = _number(value, func, name)
            if not 0.0 <= value < 1.0:
                raise ValueError("train: %s must be in [0, 1), got %r"
                                 % (name, value))
            rates.append(value)
        momentum, beta1, beta2 = rates
        epsilon = _positive(epsilon, func, "epsilon")
        if patience is not None:
            patience = _count(patience, func, "patience", 1)
        min_delta = _number(min_delta, func, "min_delta")
        if not 0.0 <= min_delta < INF:
            raise ValueError("train: min_delta must be a finite number "
                             ">= 0, got %r" % (min_delta,))
        every = _count(every, func, "every", 1)
        if callback is not None and not callable(callback):
            raise TypeError("train: callback must be callable, got %r"
                            % (callback,))
        params = self._params(func)
        step = _make_step(params, self.bias, optimizer, lr, momentum, beta1,
                          beta2, epsilon)
        saved = (self.weights, self.biases, list(self.rng._mt),
                 self.rng._index)
        try:
            losses = self._epochs(params, X, Y, epochs, batch_size, step,
                                  patience, min_delta, every, callback)
        except BaseException:
            # Also rewind the generator, so that retrying the call
            # shuffles as the first attempt did. This covers Ctrl-C too:
            # an interrupted update would leave the weights half done.
            self.weights, self.biases = saved[:2]
            self.rng._mt, self.rng._index = saved[2], saved[3]
            raise
        self._publish(params)
        return losses

    def _epochs(self, params, X, Y, epochs, batch_size, step, patience,
                min_delta, every, callback):
        if batch_size is not None and batch_size >= len(X):
            batch_size = None
        order = list(range(len(X)))
        # Allocated in large blocks: on a small heap (MicroPython),
        # a list that grows by appending can fail to find room.
        losses = [0.0] * min(epochs, 65536)
        best, waited = INF, 0
        done = 0
        for epoch in range(epochs):
            loss = self._epoch(params, X, Y, batch_size, order, step)
            if not -INF < loss < INF:
                raise ValueError(
                    "train: the loss became %r at epoch %d, so training "
                    "diverged; the network is left as it was. Try a "
                    "smaller learning_rate." % (loss, epoch))
            if epoch == len(losses):
                losses.extend([0.0] * min(epochs - epoch, 65536))
            losses[epoch] = loss
            done = epoch + 1
            if callback is not None and epoch % every == 0:
                self._publish(params)
                if callback(epoch, loss):
                    break
            if patience is not None:
                if loss < best - min_delta:
                    best, waited = loss, 0
                else:
                    waited += 1
                    if waited >= patience:
                        break
        del losses[done:]
        # The last update is not followed by a loss that would show it.
        for Wt, b in params:
            for row in Wt + [b]:
                for v in row:
                    if not -INF < v < INF:
                        raise ValueError(
                            "train: a weight became %r in the last epoch, "
                            "so training diverged; the network is left as "
                            "it was. Try a smaller learning_rate." % (v,))
        return losses

    def _epoch(self, params, X, Y, batch_size, order, step):
        """Run one epoch of forward, backward and update; return its
        mean loss, each batch measured before its own update."""
        if batch_size is None:
            acts = self._forward(params, X)
            total, count = self._loss_sum(Y, acts[-1])
            step(self._backward(params, acts, Y))
            return total / count
        self.rng.shuffle(order)
        total, count = 0.0, 0
        for start in range(0, len(X), batch_size):
            rows = order[start:start + batch_size]
            Xb, Yb = [X[i] for i in rows], [Y[i] for i in rows]
            acts = self._forward(params, Xb)
            part, part_count = self._loss_sum(Yb, acts[-1])
            total += part
            count += part_count
            step(self._backward(params, acts, Yb))
        return total / count

    def explain(self, x, y, digits=9):
        """Return one training step on the sample x, y, written out.

        Every quantity of the forward pass, the loss, the backward pass
        and the gradient-descent update gets its own lines: its name,
        its formula, the numbers put into it and the result, with the
        given number of significant digits. The text ends with a
        finite-difference check of every gradient it shows. The network
        itself is not changed.

        Raises ValueError for a network of more than 50 weights and
        biases, whose page would be too long to follow, and as train
        does for bad x or y.
        """
        return _explain(self, x, y, digits)

    # --- Network: saving and loading ---

    def to_dict(self):
        """Return the network as a dict of plain values (see save).

        Raises ValueError if a weight or bias is NaN or infinite, or if
        classes, feature_names, target_name, target_column, scaler or
        target_scaler do not fit the network, since such a network could
        not be loaded back.
        """
        params = self._params("to_dict")
        d = {
            "format": FORMAT_NAME,
            "version": FORMAT_VERSION,
            "sizes": list(self.sizes),
            "activation": self.activation,
            "output_activation": self.output_activation,
            "loss": self.loss,
            "bias": self.bias,
            "learning_rate": self.learning_rate,
            "init": self.init,
            "seed": self.seed,
            "weights": [[list(row) for row in zip(*Wt)] for Wt, b in params],
            "biases": [b for Wt, b in params] if self.bias else [],
            "classes": None if self.classes is None else list(self.classes),
            "feature_names": (None if self.feature_names is None
                              else list(self.feature_names)),
            "target_name": self.target_name,
            "target_column": self.target_column,
            "scaler": None if self.scaler is None else self.scaler.to_dict(),
            "target_scaler": (None if self.target_scaler is None
                              else self.target_scaler.to_dict()),
        }
        try:
            _check_extras(d, self.sizes)
        except (TypeError, ValueError, KeyError) as error:
            raise ValueError("to_dict: %s" % (error,))
        return d

    @classmethod
    def from_dict(cls, d, source="from_dict"):
        """Return the network that to_dict() described.

        Everything is checked before the network is built: the format
        name and version, the names of the functions, that every shape
        agrees with sizes and that every number is finite. Raises
        ValueError, prefixed with source, naming what was wrong.
        """
        try:
            return cls._from_dict(d)
        except (TypeError, ValueError, KeyError) as error:
            if isinstance(error, KeyError):
                error = "missing key %s" % error
            raise ValueError("%s: %s" % (source, error))

    @classmethod
    def _from_dict(cls, d):
        if not isinstance(d, dict):
            raise ValueError("expected a JSON object, got %s"
                             % type(d).__name__)
        if d.get("format") != FORMAT_NAME:
            raise ValueError("not a backprop model: format is %r, expected "
                             "%r" % (d.get("format"), FORMAT_NAME))
        version = d.get("version")
        if isinstance(version, bool) or not isinstance(version, int):
            raise ValueError("version must be an int, got %r" % (version,))
        if version > FORMAT_VERSION:
            raise ValueError("the model has format version %d, newer than "
                             "this backprop.py reads (%d); use a newer "
                             "backprop.py" % (version, FORMAT_VERSION))
        if version < 1:
            raise ValueError("version must be at least 1, got %d"
                             % version)
        if not isinstance(d["bias"], bool):
            raise ValueError("bias must be true or false, got %r"
                             % (d["bias"],))
        net = cls(d["sizes"], learning_rate=d.get("learning_rate", 0.1),
                  seed=_seed_or_zero(d.get("seed")), bias=d["bias"],
                  activation=d["activation"],
                  output_activation=d["output_activation"],
                  loss=d["loss"], init=d.get("init"))
        net.weights, net.biases = d["weights"], d["biases"]
        net._publish(net._params("weights"))
        extras = _check_extras(d, net.sizes)
        for key in _EXTRA_KEYS:
            setattr(net, key, extras[key])
        return net

    def save(self, path):
        """Write the network to path as readable JSON, atomically.

        The text goes to a temporary file beside path, which is then
        renamed over it, so a failure never leaves a half-written model
        where a good one was. Raises ValueError, before touching any
        file, if a weight or bias is NaN or infinite.
        """
        _write_atomic(str(path), _json_text(self.to_dict()))

    @classmethod
    def load(cls, path):
        """Return the network saved in the JSON file at path.

        Raises OSError if the file cannot be read, and ValueError naming
        the file and the problem if it is not a valid model.
        """
        path = str(path)
        with open(path) as f:
            try:
                text = f.read()
            except ValueError as error:
                raise ValueError("load: %s is not a text file (%s)"
                                 % (path, error))
        try:
            d = json.loads(text)
        except ValueError as error:
            raise ValueError("load: %s is not valid JSON (%s)"
                             % (path, error))
        return cls.from_dict(d, "load: %s" % path)


def _describe(m):
    """Describe the shape of what was given in place of a matrix."""
    if not isinstance(m, (list, tuple)):
        return "a %s" % type(m).__name__
    if not all(isinstance(r, (list, tuple)) for r in m):
        return "a list of %d items that are not all lists" % len(m)
    widths = [len(r) for r in m]
    if widths and min(widths) == max(widths):
        return "%d x %d" % (len(m), widths[0])
    return "%d rows of lengths %r" % (len(m), widths)


# --- Optimisers ---

def _make_step(params, bias, optimizer, lr, momentum, beta1, beta2,
               epsilon):
    """Return step(grads), which updates params in place.

    Each layer's parameters are handled as rows: the rows of Wt and,
    with biases, the bias row, matched one to one with the rows of the
    gradient.
    """
    def rows_of(layers):
        out = []
        for Wt, b in layers:
            out.extend(Wt)
            if bias:
                out.append(b)
        return out

    if optimizer == "sgd":
        update = _sgd(rows_of(params), lr)
    elif optimizer == "momentum":
        update = _momentum(rows_of(params), lr, momentum)
    else:
        update = _adam(rows_of(params), lr, beta1, beta2, epsilon)

    def step(grads):
        update(rows_of(grads))
    return step


def _sgd(weights, lr):
    def update(grads):
        for w, g in zip(weights, grads):
            # w <- w - lr * dE/dw
            w[:] = [p - lr * q for p, q in zip(w, g)]
    return update


def _momentum(weights, lr, momentum):
    velocity = [[0.0] * len(w) for w in weights]

    def update(grads):
        for w, g, v in zip(weights, grads, velocity):
            # v <- momentum * v - lr * g;  w <- w + v
            v[:] = [momentum * u - lr * q for u, q in zip(v, g)]
            w[:] = [p + u for p, u in zip(w, v)]
    return update


def _adam(weights, lr, beta1, beta2, epsilon):
    first = [[0.0] * len(w) for w in weights]
    second = [[0.0] * len(w) for w in weights]
    # beta^t kept as running products, whose rounding is the same on
    # every interpreter, unlike pow(), whose last bit depends on the C
    # library.
    powers = [1.0, 1.0]
    sqrt = math.sqrt

    def update(grads):
        powers[0] *= beta1
        powers[1] *= beta2
        c1, c2 = 1.0 - powers[0], 1.0 - powers[1]
        for w, g, m, s in zip(weights, grads, first, second):
            # m <- beta1 m + (1 - beta1) g
            # s <- beta2 s + (1 - beta2) g^2
            m[:] = [beta1 * u + (1.0 - beta1) * q for u, q in zip(m, g)]
            s[:] = [beta2 * u + (1.0 - beta2) * q * q for u, q in zip(s, g)]
            # w <- w - lr * m_hat / (sqrt(s_hat) + epsilon), with the
            # bias corrections m_hat = m / c1 and s_hat = s / c2
            w[:] = [p - lr * (u / c1) / (sqrt(v / c2) + epsilon)
                    for p, u, v in zip(w, m, s)]
    return update


# --- Gradient check ---

def gradient_check(network, X, Y, h=1e-5):
    """Return the largest relative difference between gradients() and
    central finite differences of the objective E.

    For every weight and bias w:

        numeric  = (E(w + h) - E(w - h)) / (2 h)
        relative = |analytic - numeric|
                   / max(|analytic|, |numeric|, 1e-4)

    The floor of 1e-4 keeps gradients that are zero up to rounding from
    dividing by nothing. The truncation error is about h^2 and the
    rounding error about 1e-16 / h, so with h = 1e-5 a correct gradient
    gives about 1e-7 or less; a bug gives far more. The network is left
    unchanged. A relu unit whose z lies within h of 0 can show a large
    difference, since relu has a kink there.

    >>> net = Network([2, 2, 1], seed=1)
    >>> gradient_check(net, [[0.5, -1.0]], [[1.0]]) < 1e-6
    True
    """
    X, Y = network._check_data(X, Y, "gradient_check")
    h = _positive(h, "gradient_check", "h")
    worst = 0.0
    for name, analytic, numeric, relative in _finite_differences(
            network, X, Y, h):
        worst = max(worst, relative)
    return worst


def _finite_differences(network, X, Y, h):
    """Yield (name, analytic, numeric, relative) for every parameter.

    Names follow explain(): dW1[i][j] is the gradient of
    weights[0][i][j] and db1[j] that of biases[0][j].
    """
    params = network._params("gradient_check")
    grads = network._backward(params, network._forward(params, X), Y)
    for k, ((Wt, b), (dWt, db)) in enumerate(zip(params, grads)):
        items = [("dW%d[%d][%d]" % (k + 1, i, j), Wt[j], i, dWt[j][i])
                 for i in range(len(Wt[0])) for j in range(len(Wt))]
        if network.bias:
            items += [("db%d[%d]" % (k + 1, j), b, j, db[j])
                      for j in range(len(b))]
        for name, row, i, analytic in items:
            keep = row[i]
            row[i] = keep + h
            plus = network._objective(params, X, Y)
            row[i] = keep - h
            minus = network._objective(params, X, Y)
            row[i] = keep
            numeric = (plus - minus) / (2.0 * h)
            scale_ = max(abs(analytic), abs(numeric), 1e-4)
            yield name, analytic, numeric, abs(analytic - numeric) / scale_


# --- Saving ---

# A saved model is one JSON object; every key is written, in this order.
# Version 1 is the only version so far; a reader refuses newer ones.
FORMAT_NAME = "backprop-network"
FORMAT_VERSION = 1
_KEYS = ("format", "version", "sizes", "activation", "output_activation",
         "loss", "bias", "learning_rate", "init", "seed", "weights",
         "biases", "classes", "feature_names", "target_name",
         "target_column", "scaler", "target_scaler")


def _write_atomic(path, text):
    """Write text to path through a temporary file renamed over it.

    A reader sees the old file or the new one, never a part of either;
    if anything fails, the temporary file is removed and path is left
    as it was.
    """
    temporary = path + ".tmp"
    try:
        with open(temporary, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            if hasattr(os, "fsync"):
                os.fsync(f.fileno())
        # os.replace also overwrites on Windows; MicroPython has only
        # os.rename, which overwrites there.
        getattr(os, "replace", os.rename)(temporary, path)
    except BaseException:
        try:
            os.remove(temporary)
        except OSError:
            pass
        raise


def _seed_or_zero(seed):
    # The stored seed only restarts the generator for later shuffles.
    if isinstance(seed, int) and not isinstance(seed, bool) and (
            0 <= seed <= 0xFFFFFFFF):
        return seed
    return 0


_EXTRA_KEYS = ("classes", "feature_names", "target_name", "target_column",
               "scaler", "target_scaler")


def _names(value, count, key, what):
    """Return value checked as None or a list of count names."""
    if value is None:
        return None
    if (not isinstance(value, list) or len(value) != count
            or not all(isinstance(v, (str, int, float))
                       and not isinstance(v, bool) for v in value)):
        raise ValueError("%s must be null or a list of %d names (one per "
                         "%s), got %r" % (key, count, what, value))
    return list(value)


def _check_extras(d, sizes):
    """Return the metadata of a model dict d, checked against sizes."""
    target = d.get("target_name")
    if target is not None and not isinstance(target, str):
        raise ValueError("target_name must be null or a string, got %r"
                         % (target,))
    column = d.get("target_column")
    if column is not None and (isinstance(column, bool)
                               or not isinstance(column, int)
                               or column < 0):
        raise ValueError("target_column must be null or a column index "
                         ">= 0, got %r" % (column,))
    return {
        "classes": _names(d.get("classes"), sizes[-1], "classes", "output"),
        "feature_names": _names(d.get("feature_names"), sizes[0],
                                "feature_names", "input"),
        "target_name": target,
        "target_column": column,
        "scaler": _scaler_from(d.get("scaler"), sizes[0], "scaler"),
        "target_scaler": _scaler_from(d.get("target_scaler"), sizes[-1],
                                      "target_scaler"),
    }


def _scaler_from(d, width, name):
    """Return a Standardizer from its saved form, or None, checked."""
    if d is None:
        return None
    if not isinstance(d, dict) or "mean" not in d or "std" not in d:
        raise ValueError("%s must be null or an object with mean and std, "
                         "got %r" % (name, d))
    rows = _as_matrix([d["mean"], d["std"]], name, "load", width,
                      "input" if name == "scaler" else "output")
    if min(rows[1]) <= 0.0:
        raise ValueError("%s std must be positive, got %r" % (name, rows[1]))
    return Standardizer(rows[0], rows[1])


def _json_value(value, indent):
    """Return value as JSON text: flat lists on one line, nested ones
    with one item per line, so that each weight row is one line."""
    if isinstance(value, dict):
        inner = indent + "  "
        items = ['%s%s: %s' % (inner, json.dumps(k),
                               _json_value(value[k], inner))
                 for k in sorted(value)]
        return "{\n" + ",\n".join(items) + "\n" + indent + "}"
    if isinstance(value, (list, tuple)):
        if not any(isinstance(v, (list, tuple, dict)) for v in value):
            return "[" + ", ".join(_json_value(v, indent)
                                   for v in value) + "]"
        inner = indent + "  "
        return ("[\n" + ",\n".join(inner + _json_value(v, inner)
                                   for v in value) + "\n" + indent + "]")
    if isinstance(value, float) and not -INF < value < INF:
        raise ValueError("cannot save %r: JSON has no NaN or infinity"
                         % (value,))
    return json.dumps(value)


def _json_text(d):
    """Return the model dict d as JSON text with its keys in order."""
    lines = ['  %s: %s' % (json.dumps(k), _json_value(d[k], "  "))
             for k in _KEYS]
    return "{\n" + ",\n".join(lines) + "\n}\n"


# --- Explaining one step ---

EXPLAIN_LIMIT = 50
_WIDTH = 79


class _Page:
    """Lines of text for explain(), numbers in a fixed precision."""

    def __init__(self, digits):
        self.digits = digits
        self.lines = []

    def raw(self, v):
        return "%.*g" % (self.digits, v)

    def num(self, v):
        """Return v as text, in brackets when negative: 2*(-3)."""
        text = self.raw(v)
        return "(%s)" % text if text.startswith("-") else text

    def say(self, text=""):
        self.lines.append(text)

    def entry(self, name, formula, numbers, value):
        """Add name = formula = numbers = value, wrapped to _WIDTH."""
        head = "  %s = " % name
        pad = " " * (len(head) - 2) + "= "
        self._wrap(head, formula)
        if numbers is not None:
            self._wrap(pad, numbers)
        self.lines.append(pad + self.raw(value))

    def _wrap(self, first, text):
        # Break long formulas after an operator (+ - * /), keeping
        # continuation lines indented under the first term. A chunk is
        # a term with the operator that follows it.
        chunks = []
        for word in text.split(" "):
            if chunks and word in ("+", "-", "*", "/"):
                chunks[-1] += " " + word
            else:
                chunks.append(word)
        line = first + chunks[0]
        for chunk in chunks[1:]:
            if len(line) + 1 + len(chunk) > _WIDTH:
                self.lines.append(line)
                line = " " * len(first) + chunk
            else:
                line += " " + chunk
        self.lines.append(line)


_DERIVATIVE_TEXT = {
    "sigmoid": ("%s * (1 - %s)", lambda a: a * (1.0 - a)),
    "tanh": ("(1 - %s^2)", lambda a: 1.0 - a * a),
    "relu": ("relu'(%s)", lambda a: 1.0 if a > 0.0 else 0.0),
    "identity": ("1", lambda a: 1.0),
}


def _derivative_text(page, name, a_name, a):
    """Return (formula, numbers) of f'(z) written with the output a."""
    form = _DERIVATIVE_TEXT[name][0]
    if name == "sigmoid":
        return form % (a_name, a_name), form % (page.num(a), page.num(a))
    if name == "tanh":
        return form % a_name, form % page.num(a)
    if name == "relu":
        return ("[%s > 0]" % a_name,
                "%s" % page.num(_DERIVATIVE_TEXT["relu"][1](a)))
    return "1", "1"


def _explain(net, x, y, digits):
    X, Y, params = _explain_inputs(net, x, y, digits)
    acts = net._forward(params, X)
    grads = net._backward(params, acts, Y)
    page = _Page(digits)
    page.say("One training step of a %s network, written out by hand."
             % "-".join(str(s) for s in net.sizes))
    page.say("Hidden activation %s, output %s, loss %s,"
             % (net.activation, net.output_activation, net.loss))
    page.say("learning rate eta = %s." % page.num(net.learning_rate))
    page.say("Layer l computes z_l = a_(l-1) W_l + b_l and a_l = f(z_l), "
             "with a0 = x.")
    page.say("W_l[i][j] is net.weights[l-1][i][j]; units count from 0.")
    page.say("")
    page.say("Forward pass")
    for k in range(len(params)):
        _explain_layer(page, net, k, params, acts)
    page.say("")
    page.say("Loss")
    _explain_loss(page, net, acts[-1][0], Y[0],
                  net._objective(params, X, Y))
    page.say("")
    page.say("Backward pass: dE/dz, then dE/dW = a_prev * dz, "
             "dE/db = dz")
    dz = _explain_output_delta(page, net, len(params), acts[-1][0], Y[0])
    for k in range(len(params) - 1, -1, -1):
        _explain_gradients(page, net, k, acts[k][0], dz, grads[k])
        if k:
            dz = _explain_hidden_delta(page, net, k, params[k][0], dz,
                                       acts[k][0])
    page.say("")
    page.say("Update: w <- w - eta * dE/dw")
    for k in range(len(params)):
        _explain_update(page, net, k, params[k], grads[k])
    _explain_check(net, X, Y, page)
    return "\n".join(page.lines) + "\n"


def _explain_inputs(net, x, y, digits):
    """Check explain()'s arguments; return X, Y and the parameters."""
    func = "explain"
    _count(digits, func, "digits", 1)
    if digits > 17:
        raise ValueError("explain: digits must be at most 17, got %d"
                         % digits)
    if not isinstance(x, (list, tuple)) or not isinstance(y, (list, tuple)):
        raise TypeError("explain: x and y must be lists of numbers (one "
                        "sample), got %s and %s"
                        % (type(x).__name__, type(y).__name__))
    X, Y = net._check_data([list(x)], [list(y)], func)
    params = net._params(func)
    count = sum(len(Wt) * len(Wt[0]) for Wt, b in params)
    if net.bias:
        count += sum(len(b) for Wt, b in params)
    if count > EXPLAIN_LIMIT:
        raise ValueError(
            "explain: the network has %d weights and biases; explain "
            "writes out at most %d, beyond which the page is too long to "
            "follow by hand. Use a smaller network." % (count, EXPLAIN_LIMIT))
    return X, Y, params


def _explain_layer(page, net, k, params, acts):
    """Write z = a_prev W + b and a = f(z) for layer k+1's units."""
    n = page.num
    layer = k + 1
    Wt, b = params[k]
    a_prev = acts[k][0]
    zs = [dot(a_prev, w) + c for w, c in zip(Wt, b)]
    for j in range(len(Wt)):
        terms = ["a%d[%d]*W%d[%d][%d]" % (k, i, layer, i, j)
                 for i in range(len(a_prev))]
        values = ["%s*%s" % (n(a_prev[i]), n(Wt[j][i]))
                  for i in range(len(a_prev))]
        if net.bias:
            terms.append("b%d[%d]" % (layer, j))
            values.append(n(b[j]))
        page.entry("z%d[%d]" % (layer, j), " + ".join(terms),
                   " + ".join(values), zs[j])
    name = net.output_activation if layer == len(params) else net.activation
    for j, a in enumerate(acts[layer][0]):
        z = "z%d[%d]" % (layer, j)
        if name == "softmax":
            form = "exp(%s) / (%s)" % (z, " + ".join(
                "exp(z%d[%d])" % (layer, i) for i in range(len(zs))))
            numbers = "exp(%s) / (%s)" % (page.raw(zs[j]), " + ".join(
                "exp(%s)" % page.raw(v) for v in zs))
        elif name == "sigmoid":
            form = "1 / (1 + exp(-%s))" % z
            numbers = "1 / (1 + exp(-%s))" % n(zs[j])
        else:
            form = "%s(%s)" % (name, z)
            numbers = "%s(%s)" % (name, page.raw(zs[j]))
        page.entry("a%d[%d]" % (layer, j), form, numbers, a)


def _explain_loss(page, net, a, y, E):
    """Write the objective E for output a and target y."""
    n = page.num
    out = "a%d" % (len(net.sizes) - 1)
    if net.loss == "mse":
        form = "1/2 * (%s)" % " + ".join(
            "(y[%d] - %s[%d])^2" % (j, out, j) for j in range(len(y)))
        numbers = "1/2 * (%s)" % " + ".join(
            "(%s - %s)^2" % (n(t), n(p)) for t, p in zip(y, a))
    elif net.loss == "binary_cross_entropy":
        form = "-(%s)" % " + ".join(
            "y[%d]*ln(%s[%d]) + (1 - y[%d])*ln(1 - %s[%d])"
            % (j, out, j, j, out, j) for j in range(len(y)))
        numbers = "-(%s)" % " + ".join(
            "%s*ln(%s) + (1 - %s)*ln(1 - %s)" % (n(t), n(p), n(t), n(p))
            for t, p in zip(y, a))
    else:
        form = "-(%s)" % " + ".join(
            "y[%d]*ln(%s[%d])" % (j, out, j) for j in range(len(y)))
        numbers = "-(%s)" % " + ".join(
            "%s*ln(%s)" % (n(t), n(p)) for t, p in zip(y, a))
    page.entry("E", form, numbers, E)


def _explain_output_delta(page, net, layer, a, y):
    """Write dE/dz of the output layer; return it."""
    n = page.num
    dz = _output_delta(net, a, y)
    out = "a%d" % layer
    for j in range(len(dz)):
        if net.loss == "mse":
            d_form, d_num = _derivative_text(
                page, net.output_activation, "%s[%d]" % (out, j), a[j])
            form = "(%s[%d] - y[%d]) * %s" % (out, j, j, d_form)
            numbers = "(%s - %s) * %s" % (n(a[j]), n(y[j]), d_num)
        else:
            form = "%s[%d] - y[%d]" % (out, j, j)
            numbers = "%s - %s" % (n(a[j]), n(y[j]))
        page.entry("dz%d[%d]" % (layer, j), form, numbers, dz[j])
    return dz


def _explain_gradients(page, net, k, a_prev, dz, grads):
    """Write dW = a_prev * dz and db = dz of layer k+1."""
    layer = k + 1
    dWt, db = grads
    for i in range(len(a_prev)):
        for j in range(len(dz)):
            page.entry("dW%d[%d][%d]" % (layer, i, j),
                       "a%d[%d] * dz%d[%d]" % (k, i, layer, j),
                       "%s * %s" % (page.num(a_prev[i]), page.num(dz[j])),
                       dWt[j][i])
    if net.bias:
        for j in range(len(dz)):
            page.entry("db%d[%d]" % (layer, j), "dz%d[%d]" % (layer, j),
                       None, db[j])


def _explain_hidden_delta(page, net, k, Wt, dz, a_prev):
    """Write da = dz W^T and dz = da * f'(z) of layer k; return dz."""
    n = page.num
    layer = k + 1
    da = [dot(dz, [w[i] for w in Wt]) for i in range(len(a_prev))]
    for i in range(len(a_prev)):
        page.entry("da%d[%d]" % (k, i), " + ".join(
            "dz%d[%d]*W%d[%d][%d]" % (layer, j, layer, i, j)
            for j in range(len(dz))), " + ".join(
            "%s*%s" % (n(dz[j]), n(Wt[j][i])) for j in range(len(dz))),
            da[i])
    new_dz = ACTIVATIONS[net.activation][3]([da], [a_prev])[0]
    for i in range(len(a_prev)):
        d_form, d_num = _derivative_text(
            page, net.activation, "a%d[%d]" % (k, i), a_prev[i])
        page.entry("dz%d[%d]" % (k, i), "da%d[%d] * %s" % (k, i, d_form),
                   "%s * %s" % (n(da[i]), d_num), new_dz[i])
    return new_dz


def _explain_update(page, net, k, layer_params, grads):
    """Write w - eta * dE/dw for every weight and bias of layer k+1."""
    n = page.num
    layer = k + 1
    lr = net.learning_rate
    Wt, b = layer_params
    dWt, db = grads
    for i in range(len(Wt[0])):
        for j in range(len(Wt)):
            page.entry("W%d[%d][%d]" % (layer, i, j),
                       "W%d[%d][%d] - eta * dW%d[%d][%d]"
                       % (layer, i, j, layer, i, j),
                       "%s - %s * %s" % (n(Wt[j][i]), n(lr), n(dWt[j][i])),
                       Wt[j][i] - lr * dWt[j][i])
    if net.bias:
        for j in range(len(b)):
            page.entry("b%d[%d]" % (layer, j),
                       "b%d[%d] - eta * db%d[%d]" % (layer, j, layer, j),
                       "%s - %s * %s" % (n(b[j]), n(lr), n(db[j])),
                       b[j] - lr * db[j])


def _output_delta(net, a, y):
    """Return dE/dz of the output layer for one sample."""
    if net.loss == "mse":
        return ACTIVATIONS[net.output_activation][3](
            [[p - t for p, t in zip(a, y)]], [a])[0]
    return [p - t for p, t in zip(a, y)]


def _explain_check(net, X, Y, page):
    h = 1e-5
    page.say("")
    page.say("Check: each gradient against (E(w + h) - E(w - h)) / (2h), "
             "h = %g" % h)
    page.say("  %-12s %18s %18s %10s" % ("gradient", "backpropagation",
                                         "finite difference", "rel. diff"))
    worst = 0.0
    for name, analytic, numeric, relative in _finite_differences(
            net, X, Y, h):
        worst = max(worst, relative)
        page.say("  %-12s %18s %18s %10s" % (
            name, "%.*g" % (page.digits, analytic),
            "%.*g" % (page.digits, numeric), "%.1e" % relative))
    page.say("Largest relative difference: %.1e" % worst)


# --- Loss curve ---

def _ticks(low, high, count=5):
    """Return about count round numbers spanning [low, high]."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / count
    step = 10.0 ** math.floor(math.log10(raw))
    for factor in (1.0, 2.0, 5.0, 10.0):
        if raw <= step * factor:
            step *= factor
            break
    first = math.ceil(low / step)
    ticks = []
    k = first
    while k * step <= high + step * 1e-9:
        ticks.append(k * step)
        k += 1
    return ticks


def svg_plot(losses, validation=None, title="Training loss"):
    """Return an SVG image (text) of the loss per epoch.

    losses has one value per epoch, drawn as one point each: value k
    at x = k, the loss after k epochs, as train() measures it. The
    optional validation losses are drawn dashed on the same axes, in
    the same way (the command line adds one measured before training,
    so its list is one longer). The image has labelled axes and needs
    nothing but a browser to view. Raises ValueError for an empty list
    or a value that is not finite.
    """
    curves = [("training", losses, "#1f77b4", "")]
    if validation:
        curves.append(("validation", validation, "#d62728",
                       ' stroke-dasharray="6 4"'))
    for name, values, color, dash in curves:
        if not values:
            raise ValueError("svg_plot: no %s losses to draw" % name)
        for v in values:
            _as_number(v, "svg_plot", "a %s loss" % name)
    n = max(len(values) for name, values, color, dash in curves)
    y_low = min(0.0, min(min(values) for name, values, c, d in curves))
    y_high = max(max(values) for name, values, color, dash in curves)
    if not y_high - y_low < 1e300:
        raise ValueError("svg_plot: losses from %r to %r span too wide a "
                         "range to draw" % (y_low, y_high))
    y_ticks = _ticks(y_low, y_high)
    frame = _Frame(max(n - 1, 1), min(y_low, y_ticks[0]),
                   max(y_high, y_ticks[-1]))
    out = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'viewBox="0 0 %d %d" font-family="sans-serif" font-size="12">'
           % (frame.WIDTH, frame.HEIGHT, frame.WIDTH, frame.HEIGHT),
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="%d" y="24" text-anchor="middle" font-size="15">%s'
           '</text>' % (frame.WIDTH // 2, _xml(title))]
    out.extend(frame.axes(_ticks(0, max(n - 1, 1)), y_ticks))
    for k, (name, values, color, dash) in enumerate(curves):
        out.extend(frame.curve(k, name, values, color, dash))
    out.append("</svg>")
    return "\n".join(out) + "\n"


class _Frame:
    """The plotting area of svg_plot: maps (epoch, loss) to pixels."""

    WIDTH, HEIGHT = 640, 400
    LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 50

    def __init__(self, x_high, y_low, y_high):
        self.x_high, self.y_low, self.y_high = x_high, y_low, y_high

    def sx(self, epoch):
        return (self.LEFT + (self.WIDTH - self.LEFT - self.RIGHT)
                * epoch / self.x_high)

    def sy(self, value):
        span = self.HEIGHT - self.TOP - self.BOTTOM
        return (self.HEIGHT - self.BOTTOM
                - span * (value - self.y_low) / (self.y_high - self.y_low))

    def axes(self, x_ticks, y_ticks):
        """Return SVG lines for the grid, ticks, axes and names."""
        left, right = self.LEFT, self.WIDTH - self.RIGHT
        top, bottom = self.TOP, self.HEIGHT - self.BOTTOM
        out = []
        for t in x_ticks:
            out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" '
                       'stroke="#ddd"/>' % (self.sx(t), top, self.sx(t),
                                            bottom))
            out.append('<text x="%.1f" y="%d" text-anchor="middle">%g'
                       '</text>' % (self.sx(t), bottom + 16, t))
        for t in y_ticks:
            out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" '
                       'stroke="#ddd"/>' % (left, self.sy(t), right,
                                            self.sy(t)))
            out.append('<text x="%d" y="%.1f" text-anchor="end">%.4g'
                       '</text>' % (left - 6, self.sy(t) + 4, t))
        middle = (top + bottom) // 2
        out += ['<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                % (left, bottom, right, bottom),
                '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="black"/>'
                % (left, top, left, bottom),
                '<text x="%d" y="%d" text-anchor="middle">epoch</text>'
                % ((left + right) // 2, self.HEIGHT - 12),
                '<text x="16" y="%d" text-anchor="middle" '
                'transform="rotate(-90 16 %d)">loss</text>'
                % (middle, middle)]
        return out

    def curve(self, k, name, values, color, dash):
        """Return SVG lines for curve number k and its legend entry."""
        points = " ".join("%.2f,%.2f" % (self.sx(e), self.sy(v))
                          for e, v in enumerate(values))
        y = self.TOP + 14 + 16 * k
        x = self.WIDTH - self.RIGHT - 120
        return ['<polyline class="%s" fill="none" stroke="%s" '
                'stroke-width="1.5"%s points="%s"/>'
                % (name, color, dash, points),
                '<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" '
                'stroke-width="1.5"%s/>' % (x, y - 4, x + 24, y - 4, color,
                                            dash),
                '<text x="%d" y="%d">%s</text>' % (x + 30, y, name)]


def _xml(text):
    return (str(text).replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;"))


# --- Command line ---

class CommandError(Exception):
    """A mistake on the command line, reported as one line on stderr."""


def _demo():
    """Train the tutorial's 3-4-1 network, printing as it does."""
    X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
    Y = [[0.2], [0.5], [0.8]]
    net = Network([3, 4, 1], learning_rate=0.1, seed=42, bias=False)

    def show(epoch, loss):
        print("Epoch %d, Loss: %r" % (epoch, loss))

    net.train(X, Y, epochs=10000, every=1000, callback=show)
    print("Testing predictions: %r" % (net.predict([[0.2, 0.4, 0.6]]),))
    return 0


def _number_or_none(text):
    try:
        return float(text)
    except ValueError:
        return None


def _read_csv(path, header=None):
    """Return (names or None, rows of strings) of a CSV file.

    header None guesses: the first row is a header when it has a field
    that is not a number above a field that is, or no number at all.
    """
    import csv
    lines = []
    try:
        # utf-8-sig drops the byte-order mark that spreadsheets write.
        with open(path, encoding="utf-8-sig", newline="") as f:
            reader = csv.reader(f)
            rows = []
            for row in reader:
                if any(v.strip() for v in row):
                    rows.append(row)
                    lines.append(reader.line_num)
    except OSError as error:
        raise CommandError("cannot read %s: %s"
                           % (path, error.strerror or error))
    except (csv.Error, UnicodeDecodeError) as error:
        raise CommandError("%s is not a readable CSV file: %s"
                           % (path, error))
    if not rows:
        raise CommandError("%s is empty; expected rows of comma-separated "
                           "values" % path)
    rows = [_Row(v.strip() for v in row) for row in rows]
    for row, line in zip(rows, lines):
        row.line = line
    if header is None:
        first = [_number_or_none(v) is None for v in rows[0]]
        below = rows[1] if len(rows) > 1 else rows[0]
        header = all(first) or any(
            f and _number_or_none(v) is not None
            for f, v in zip(first, below))
    names = rows.pop(0) if header else None
    if not rows:
        raise CommandError("%s has a header but no data rows" % path)
    if names:
        for k, name in enumerate(names):
            if name in names[:k]:
                raise CommandError("%s has two columns named %r; column "
                                   "names must differ" % (path, name))
    width = len(names) if names else len(rows[0])
    for row in rows:
        if len(row) != width:
            raise CommandError("%s line %d has %d fields, expected %d"
                               % (path, row.line, len(row), width))
    return names, rows


class _Row(list):
    """A CSV row that remembers its line number in the file."""
    line = 0


def _numbers(path, rows, columns, names):
    """Return the given columns of rows as finite floats, or raise
    naming the line and column of the first field that is not one."""
    out = []
    for row in rows:
        values = []
        for c in columns:
            v = _number_or_none(row[c])
            if v is None or not -INF < v < INF:
                label = repr(names[c]) if names else str(c + 1)
                raise CommandError(
                    "%s line %d, column %s: %r is not a finite number"
                    % (path, row.line, label, row[c]))
            values.append(v)
        out.append(values)
    return out


def _target_column(names, width, target):
    if target is None:
        return width - 1
    if names and target in names:
        return names.index(target)
    try:
        column = int(target) - 1
    except ValueError:
        if not names:
            raise CommandError("--target %r: the file has no header, so "
                               "give the column's number, counted from 1"
                               % target)
        raise CommandError("no column named %r; the columns are %s"
                           % (target, ", ".join(names)))
    if not 0 <= column < width:
        raise CommandError("--target %s is out of range: the file has "
                           "columns 1 to %d" % (target, width))
    return column


def _csv_list(text, kind, option):
    try:
        return [kind(v) for v in text.split(",") if v.strip()]
    except ValueError:
        raise CommandError("%s takes comma-separated %s values, got %r"
                           % (option, kind.__name__, text))


class _Progress:
    """Shows training progress: a live bar on a terminal, else lines."""

    def __init__(self, epochs, stream, quiet):
        self.epochs = epochs
        self.stream = stream
        self.quiet = quiet
        self.live = hasattr(stream, "isatty") and stream.isatty()
        self.every = max(1, epochs // 10)
        self.start = time.time()
        self.shown = 0.0
        self.width = 0

    def update(self, epoch, loss, extra):
        if self.quiet:
            return
        try:
            self._show(epoch, loss, extra)
        except OSError:
            # Nobody is reading any more (| head): train on in silence.
            self.quiet = True

    def _show(self, epoch, loss, extra):
        done = epoch + 1
        elapsed = time.time() - self.start
        text = "epoch %d/%d  loss %.6g%s  %.1fs" % (
            done, self.epochs, loss, extra, elapsed)
        if self.live:
            if elapsed - self.shown >= 0.1 or done == self.epochs:
                self.shown = elapsed
                filled = 20 * done // self.epochs
                line = "[%s%s] %s" % ("#" * filled, "." * (20 - filled),
                                      text)
                # Blank out what a longer previous line left behind.
                self.stream.write("\r" + line
                                  + " " * max(0, self.width - len(line)))
                self.width = len(line)
                self.stream.flush()
        elif epoch % self.every == 0 or done == self.epochs:
            self.stream.write(text + "\n")

    def close(self):
        if self.live and not self.quiet:
            self.stream.write("\n")


def _writable(path, option):
    """Raise unless a file could be written at path, before any work."""
    if path is None:
        return
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise CommandError("%s %s: the folder %s does not exist"
                           % (option, path, folder))
    if os.path.isdir(path):
        raise CommandError("%s %s: that is a folder, not a file"
                           % (option, path))
    if not os.access(folder, os.W_OK):
        raise CommandError("%s %s: cannot write in the folder %s"
                           % (option, path, folder))


def _cmd_train(args):
    _check_train_options(args)
    _writable(args.save, "--save")
    _writable(args.plot, "--plot")
    names, features, target, X, Y, classes = _training_data(args)
    classify = classes is not None
    X_val = Y_val = None
    if args.validation:
        if not 0.0 < args.validation < 1.0:
            raise CommandError("--validation must be between 0 and 1, got "
                               "%r" % args.validation)
        X, X_val, Y, Y_val = train_test_split(X, Y, args.validation,
                                              args.seed)
    net = Network([len(features)] + _csv_list(args.hidden, int, "--hidden")
                  + [len(Y[0])], learning_rate=args.learning_rate,
                  seed=args.seed, activation=args.activation,
                  output_activation="softmax" if classify else "identity",
                  loss="cross_entropy" if classify else "mse")
    # What prediction needs to take raw rows: the columns, their
    # scaling, and the class names or the target's scaling.
    net.feature_names = [names[c] for c in features] if names else None
    net.target_name = names[target] if names else None
    net.target_column = target
    net.scaler = Standardizer().fit(X)
    net.classes = classes
    if not classify:
        net.target_scaler = Standardizer().fit(Y)
    start = time.time()
    losses, val_losses = _train_with_progress(args, net, X, Y, X_val, Y_val)
    seconds = time.time() - start
    # Both files are made before either is written, and written before
    # anything is printed, so that no failure loses the other's work.
    outputs = []
    if args.plot:
        outputs.append((args.plot, svg_plot(
            losses, val_losses or None,
            "%s loss per epoch, %s" % (net.loss, args.data)),
            "wrote the loss curve to %s"))
    if args.save:
        outputs.append((args.save, _json_text(net.to_dict()),
                        "saved the model to %s"))
    for path, text, message in outputs:
        _write_atomic(path, text)
    print("trained a %s network for %d epochs in %.1f s: loss %.6g, %s%s"
          % ("-".join(str(s) for s in net.sizes), len(losses), seconds,
             losses[-1], _quality(net, X, Y, "training"),
             "" if X_val is None
             else ", " + _quality(net, X_val, Y_val, "validation")))
    for path, text, message in outputs:
        print(message % path)
    return 0


def _check_train_options(args):
    """Refuse out-of-range options by name, before any work."""
    for option, value, low in (("--epochs", args.epochs, 1),
                               ("--batch-size", args.batch_size, 0),
                               ("--patience", args.patience, 1)):
        if value is not None and value < low:
            raise CommandError("%s must be at least %d, got %d"
                               % (option, low, value))
    if not 0.0 < args.learning_rate < INF:
        raise CommandError("--learning-rate must be a positive number, got "
                           "%r" % args.learning_rate)
    if not 0 <= args.seed <= 0xFFFFFFFF:
        raise CommandError("--seed must be from 0 to 2**32 - 1, got %d"
                           % args.seed)
    hidden = _csv_list(args.hidden, int, "--hidden")
    if hidden and min(hidden) < 1:
        raise CommandError("--hidden takes layer sizes of at least 1, got "
                           "%r" % args.hidden)


def _training_data(args):
    """Read the CSV file of train; return its columns and data.

    Returns (names, feature columns, target column, X, Y, classes):
    names is None without a header, Y is one-hot for labels (classes
    sorted) and a column of numbers for regression (classes None).
    """
    names, rows = _read_csv(args.data, args.header)
    width = len(rows[0])
    if width < 2:
        raise CommandError("%s has one column; expected features and a "
                           "target" % args.data)
    if len(rows) < 2:
        raise CommandError("%s has one data row; expected at least two"
                           % args.data)
    target = _target_column(names, width, args.target)
    features = [c for c in range(width) if c != target]
    X = _numbers(args.data, rows, features, names)
    labels = [row[target] for row in rows]
    for row in rows:
        if not row[target]:
            raise CommandError("%s line %d: the target is empty; every "
                               "row needs one" % (args.data, row.line))
    numbers = [_number_or_none(v) is not None for v in labels]
    if not args.classify and all(numbers):
        return (names, features, target, X,
                _numbers(args.data, rows, [target], names), None)
    if not args.classify and 2 * sum(numbers) > len(numbers):
        # Mostly numbers: more likely a typo than class labels.
        row = rows[numbers.index(False)]
        raise CommandError(
            "%s line %d: the target %r is not a number, though most "
            "targets are; fix it, or give --classify to treat every "
            "target as a class label" % (args.data, row.line, row[target]))
    classes = sorted(set(labels))
    if len(classes) < 2:
        raise CommandError("the target column has a single class %r; "
                           "nothing to learn" % classes[0])
    return names, features, target, X, one_hot(labels, classes), classes


def _train_with_progress(args, net, X, Y, X_val, Y_val):
    """Train on scaled data, showing progress; return both loss lists.

    The validation losses are measured after each epoch, with one more
    before training, so that val_losses[e] and losses[e] both come
    after e epochs.
    """
    scale_y = net.target_scaler.transform if net.classes is None else list
    X_train, Y_train = net.scaler.transform(X), scale_y(Y)
    progress = _Progress(args.epochs, sys.stdout, args.quiet)
    val_losses = []
    if X_val is not None:
        X_val_scaled, Y_val_scaled = net.scaler.transform(X_val), scale_y(
            Y_val)
        val_losses.append(net.evaluate(X_val_scaled, Y_val_scaled))

    def report(epoch, loss):
        extra = ""
        if X_val is not None:
            val_losses.append(net.evaluate(X_val_scaled, Y_val_scaled))
            extra = "  " + _quality(net, X_val, Y_val, "val")
        progress.update(epoch, loss, extra)

    try:
        losses = net.train(X_train, Y_train, epochs=args.epochs,
                           batch_size=args.batch_size,
                           optimizer=args.optimizer, patience=args.patience,
                           callback=report)
    finally:
        progress.close()
    return losses, val_losses


def _quality(net, X, Y, label):
    """Describe the network's predictions for raw rows X against Y, in
    the data's own units: accuracy, or mean absolute error."""
    P = net.predict(net.scaler.transform(X))
    if net.classes is not None:
        return "%s accuracy %.1f%%" % (label, 100.0 * accuracy(Y, P))
    P = net.target_scaler.inverse_transform(P)
    total = 0.0
    for p, y in zip(P, Y):
        total += abs(p[0] - y[0])
    return "%s mean absolute error %.4g" % (label, total / len(Y))


def _cmd_predict(args):
    _writable(args.output, "--output")
    try:
        net = Network.load(args.model)
    except OSError as error:
        raise CommandError("cannot read %s: %s"
                           % (args.model, error.strerror or error))
    names, rows = _read_csv(args.data, args.header)
    n_in = net.sizes[0]
    width = len(rows[0])
    if names and net.feature_names:
        missing = [f for f in net.feature_names if f not in names]
        if missing:
            raise CommandError("%s has no column %r, which the model needs"
                               % (args.data, missing[0]))
        columns = [names.index(f) for f in net.feature_names]
    elif width == n_in:
        columns = list(range(width))
    elif width == n_in + 1 and net.target_column is not None and (
            net.target_column < width):
        columns = [c for c in range(width) if c != net.target_column]
    else:
        raise CommandError("the model takes %d features, but %s has %d "
                           "columns" % (n_in, args.data, width))
    X = _numbers(args.data, rows, columns, names)
    if net.scaler is not None:
        X = net.scaler.transform(X)
    P = net.predict(X)
    name = net.target_name or "prediction"
    if net.classes is not None:
        header = [name]
        rows = [[v] for v in from_one_hot(P, net.classes)]
    else:
        if net.target_scaler is not None:
            P = net.target_scaler.inverse_transform(P)
        header = [name] if len(P[0]) == 1 else [
            "%s_%d" % (name, k + 1) for k in range(len(P[0]))]
        rows = [[repr(v) for v in row] for row in P]
    import csv
    import io
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    if args.output:
        _write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _cmd_explain(args):
    if args.digits < 1 or args.digits > 17:
        raise CommandError("--digits must be from 1 to 17, got %d"
                           % args.digits)
    if args.learning_rate is not None and not 0.0 < args.learning_rate < INF:
        raise CommandError("--learning-rate must be a positive number, "
                           "got %r" % args.learning_rate)
    if args.model:
        try:
            net = Network.load(args.model)
        except OSError as error:
            raise CommandError("cannot read %s: %s"
                               % (args.model, error.strerror or error))
    elif args.sizes is not None:
        sizes = _csv_list(args.sizes, int, "--sizes")
        if not sizes or min(sizes) < 1:
            raise CommandError("--sizes takes layer sizes of at least 1, "
                               "e.g. 2,2,1, got %r" % args.sizes)
        net = Network(sizes, learning_rate=0.5, seed=args.seed,
                      activation=args.activation,
                      output_activation=args.output_activation,
                      loss=args.loss)
    else:
        # The classic worked example of one backpropagation step.
        net = Network([2, 2, 2], learning_rate=0.5)
        net.weights = [[[0.15, 0.25], [0.20, 0.30]],
                       [[0.40, 0.50], [0.45, 0.55]]]
        net.biases = [[0.35, 0.35], [0.60, 0.60]]
    if args.learning_rate is not None:
        net.learning_rate = args.learning_rate
    if args.model is None and args.sizes is None:
        # The worked example's sample, unless the user gives another.
        args.x = "0.05,0.10" if args.x is None else args.x
        args.y = "0.01,0.99" if args.y is None else args.y
    if args.x is None or args.y is None:
        raise CommandError("give the sample to explain with --x and --y, "
                           "e.g. --x 1,0 --y 1")
    x, y = _explain_sample(net, args)
    sys.stdout.write(net.explain(x, y, args.digits))
    return 0


def _explain_sample(net, args):
    """Return --x and --y as the network sees them: scaled as a saved
    model scales raw data, and a class name made one-hot."""
    x = _csv_list(args.x, float, "--x")
    if len(x) != net.sizes[0]:
        raise CommandError("--x has %d values; the network takes %d inputs"
                           % (len(x), net.sizes[0]))
    if net.classes is not None and args.y in [str(c) for c in net.classes]:
        y = one_hot([args.y], [str(c) for c in net.classes])[0]
    else:
        y = _csv_list(args.y, float, "--y")
    if len(y) != net.sizes[-1]:
        raise CommandError("--y has %d values; the network has %d outputs%s"
                           % (len(y), net.sizes[-1],
                              "" if net.classes is None else
                              " (or give a class: %s)"
                              % ", ".join(str(c) for c in net.classes)))
    if net.scaler is not None:
        x = net.scaler.transform([x])[0]
        print("x is scaled as the model scales its inputs: (x - mean) / "
              "std = %s" % ", ".join("%.6g" % v for v in x))
    if net.target_scaler is not None:
        y = net.target_scaler.transform([y])[0]
        print("y is scaled as the model scales its targets: %s"
              % ", ".join("%.6g" % v for v in y))
    return x, y


def _parser():
    import argparse
    import csv  # noqa: F401 (checked here, used by the commands)
    if not hasattr(argparse.ArgumentParser, "add_subparsers"):
        raise ImportError("argparse has no subcommands here")

    class Parser(argparse.ArgumentParser):
        def error(self, message):
            raise CommandError("%s (see %s --help)" % (message, self.prog))

    parser = Parser(
        prog="backprop",
        description="Neural networks trained by hand-written "
                    "backpropagation. With no arguments, train the "
                    "tutorial's 3-4-1 network and print its loss.")
    parser.add_argument("--version", action="version",
                        version="backprop %s" % __version__)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="train the tutorial's network "
                                       "(the default)")
    demo.set_defaults(run=lambda args: _demo())

    _train_options(sub)
    _predict_options(sub)
    _explain_options(sub)
    return parser


def _train_options(sub):
    train = sub.add_parser(
        "train", help="train on a CSV file",
        description="Train on a CSV file. The last column (or --target) "
                    "is the target: labels mean classification, numbers "
                    "regression. Features are standardised.")
    train.add_argument("data", metavar="DATA.csv")
    train.add_argument("--target", help="target column: a name from the "
                       "header or a number counted from 1 (default: last)")
    _header_options(train)
    train.add_argument("--classify", action="store_true",
                       help="treat a numeric target as class labels")
    train.add_argument("--hidden", default="16",
                       help="hidden layer sizes, e.g. 8,8 (default: 16)")
    train.add_argument("--activation", default="tanh",
                       choices=HIDDEN_ACTIVATIONS,
                       help="hidden activation (default: tanh)")
    train.add_argument("--epochs", type=int, default=200,
                       help="training epochs (default: 200)")
    train.add_argument("--learning-rate", type=float, default=0.01,
                       help="learning rate (default: 0.01)")
    train.add_argument("--batch-size", type=int, default=32,
                       help="mini-batch size; 0 for full batch "
                            "(default: 32)")
    train.add_argument("--optimizer", default="adam", choices=OPTIMIZERS,
                       help="optimiser (default: adam)")
    train.add_argument("--seed", type=int, default=0,
                       help="seed for weights, split and shuffles "
                            "(default: 0)")
    train.add_argument("--validation", type=float, default=0.0,
                       help="share of rows held out for validation, "
                            "e.g. 0.2 (default: none)")
    train.add_argument("--patience", type=int,
                       help="stop when the training loss has not improved "
                            "for this many epochs (the last weights are "
                            "kept)")
    train.add_argument("--save", metavar="MODEL.json",
                       help="write the trained model here")
    train.add_argument("--plot", metavar="LOSS.svg",
                       help="write the loss curve here as SVG")
    train.add_argument("--quiet", action="store_true",
                       help="print only the summary and the files "
                            "written")
    train.set_defaults(run=_cmd_train)


def _predict_options(sub):
    predict = sub.add_parser(
        "predict", help="predict with a saved model",
        description="Print one prediction per row of a CSV file (class "
                    "names for a classifier). A target column, if "
                    "present, is ignored.")
    predict.add_argument("model", metavar="MODEL.json")
    predict.add_argument("data", metavar="DATA.csv")
    _header_options(predict)
    predict.add_argument("--output", metavar="FILE",
                         help="write the predictions here instead")
    predict.set_defaults(run=_cmd_predict)


def _explain_options(sub):
    explain = sub.add_parser(
        "explain", help="print one training step worked by hand",
        description="Print one training step with every intermediate "
                    "value. Default: the classic 2-2-2 worked example.")
    explain.add_argument("--model", metavar="MODEL.json",
                         help="explain a saved network")
    explain.add_argument("--sizes", help="layer sizes, e.g. 2,2,1")
    explain.add_argument("--seed", type=int, default=0,
                         help="seed for --sizes weights (default: 0)")
    explain.add_argument("--x", help="the input, e.g. 1,0")
    explain.add_argument("--y", help="the target, e.g. 1")
    explain.add_argument("--activation", default="sigmoid",
                         choices=HIDDEN_ACTIVATIONS)
    explain.add_argument("--output-activation", default="sigmoid",
                         choices=OUTPUT_ACTIVATIONS)
    explain.add_argument("--loss", default="mse", choices=LOSSES)
    explain.add_argument("--learning-rate", type=float,
                         help="learning rate (default: the model's, or "
                              "0.5)")
    explain.add_argument("--digits", type=int, default=9,
                         help="significant digits shown (default: 9)")
    explain.set_defaults(run=_cmd_explain)


def _header_options(parser):
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--header", dest="header", action="store_true",
                       default=None, help="the first row is a header")
    group.add_argument("--no-header", dest="header", action="store_false",
                       help="the first row is data (default: guess)")


def main(argv=None):
    """Run the command line with argv (default sys.argv[1:]).

    With no arguments, run the tutorial demo. Returns the exit status:
    0 on success, 2 after printing one line "backprop: error: ..." to
    stderr for a mistake in the command or the data.
    """
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        return _demo()
    try:
        try:
            parser = _parser()
        except ImportError:
            raise CommandError("the command line needs the argparse and csv "
                               "modules, which this Python lacks; import "
                               "backprop and use it from code instead")
        try:
            args = parser.parse_args(argv)
        except SystemExit as done:
            # --help and --version print, then exit with status 0.
            return done.code or 0
        if getattr(args, "run", None) is None:
            return _demo()
        if getattr(args, "batch_size", None) == 0:
            args.batch_size = None
        return args.run(args)
    except BrokenPipeError:
        # The reader went away (as with | head): stop quietly. Files
        # were written before anything was printed.
        sys.stdout = None
        return 1
    except OSError as error:
        print("backprop: error: %s: %s" % (
            getattr(error, "filename", None) or "file",
            getattr(error, "strerror", None) or error), file=sys.stderr)
        return 2
    except (CommandError, ValueError, TypeError) as error:
        print("backprop: error: %s" % error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
