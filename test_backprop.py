"""Tests for backprop.py, with the expected numbers worked out by hand.

Run with pytest (python -m pytest) or as a plain script (python
test_backprop.py), which needs nothing but the standard library, so the
module can be checked on MicroPython or in a browser as well. The
script runs every test_* function, reports each failure, prints
"N passed, N failed" last and exits 1 if anything failed.

Each expected value sits under a comment with its working, and each
closeness check states its tolerance: one unit in the last decimal
written in the comment, unless a comment says otherwise.
"""

import io
import json
import math
import os
import sys

import backprop
from backprop import (
    Network, MersenneTwister, Standardizer, accuracy, add, apply,
    binary_cross_entropy, cross_entropy, dot, from_one_hot, gradient_check,
    matmul, mse, multiply, one_hot, relu, relu_derivative, scale, shape,
    sigmoid, sigmoid_derivative, softmax, subtract, tanh, tanh_derivative,
    train_test_split, transpose)

MICROPYTHON = sys.implementation.name == "micropython"
HERE = __file__.rsplit("/", 1)[0] if "/" in __file__ else "."


# --- Helpers ---

class Skip(Exception):
    """Raised by a test that cannot run on this interpreter."""


def skip(reason):
    """Skip the current test, under pytest and as a plain script."""
    if "pytest" in sys.modules:
        import pytest
        pytest.skip(reason)
    raise Skip(reason)


def close(actual, expected, abs_tol=0.0, rel_tol=0.0):
    """Assert |actual - expected| <= max(abs_tol, rel_tol * |expected|).

    Works element by element on numbers, rows and matrices.
    """
    if isinstance(expected, (list, tuple)):
        assert len(actual) == len(expected), (
            "length %d, expected %d" % (len(actual), len(expected)))
        for a, e in zip(actual, expected):
            close(a, e, abs_tol, rel_tol)
        return
    limit = max(abs_tol, rel_tol * abs(expected))
    assert abs(actual - expected) <= limit, (
        "%r differs from %r by %r, more than %r"
        % (actual, expected, abs(actual - expected), limit))


def raises(kind, words, func, *args, **kwargs):
    """Assert func(*args, **kwargs) raises kind with all words in it."""
    try:
        func(*args, **kwargs)
    except kind as error:
        message = str(error)
        for word in words:
            assert word in message, (
                "%r not in the message %r" % (word, message))
        return message
    raise AssertionError("%s was not raised" % kind.__name__)


def temp_path(name):
    """Return a path for a scratch file beside the tests, removed first."""
    path = HERE + "/_scratch_" + name
    try:
        os.remove(path)
    except OSError:
        pass
    return path


def remove(path):
    try:
        os.remove(path)
    except OSError:
        pass


# The tutorial's data, used throughout.
TUTORIAL_X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
TUTORIAL_Y = [[0.2], [0.5], [0.8]]


def _copy(m):
    """Return a deep copy of nested lists (weights, biases, data)."""
    if isinstance(m, (list, tuple)):
        return [_copy(v) for v in m]
    return m


def _unchanged(net, kind, words, func, *args, **kwargs):
    """Assert func(*args) raises kind with words and leaves net alone."""
    weights, biases = _copy(net.weights), _copy(net.biases)
    message = raises(kind, words, func, *args, **kwargs)
    assert net.weights == weights, "weights changed to %r" % (net.weights,)
    assert net.biases == biases, "biases changed to %r" % (net.biases,)
    return message


_ELEMENTWISE = {"sigmoid": sigmoid, "tanh": tanh, "relu": relu,
                "identity": backprop.identity}


def _layers_by_hand(net, X):
    """Return [(z, a), ...] for each layer, using only the matrix helpers.

    z = a_prev W + b and a = f(z): a second forward pass, written from
    the formulas, to compare the network's own against.
    """
    layers = []
    a = X
    last = len(net.weights) - 1
    for k, W in enumerate(net.weights):
        z = matmul(a, W)
        if net.bias:
            z = add(z, [net.biases[k]] * len(z))
        name = net.output_activation if k == last else net.activation
        if name == "softmax":
            a = [softmax(row) for row in z]
        else:
            a = apply(_ELEMENTWISE[name], z)
        layers.append((z, a))
    return layers


# --- Matrix helpers ---

def test_shape_counts_rows_and_columns():
    """shape returns (rows, columns) of lists or tuples of rows."""
    assert shape([[1, 2, 3], [4, 5, 6]]) == (2, 3)
    assert shape([[7]]) == (1, 1)
    assert shape([[1], [2], [3], [4]]) == (4, 1)
    assert shape(((1.5, 2.5),)) == (1, 2)


def test_shape_rejects_empty_ragged_and_non_lists():
    """shape raises ValueError for empty or ragged, TypeError otherwise."""
    raises(ValueError, ["shape", "empty"], shape, [])
    raises(ValueError, ["shape", "row 0", "empty"], shape, [[]])
    raises(ValueError, ["shape", "ragged", "row 1", "2", "3"],
           shape, [[1, 2, 3], [4, 5]])
    raises(TypeError, ["shape", "int"], shape, 5)
    raises(TypeError, ["shape", "NoneType"], shape, None)
    raises(TypeError, ["shape", "str"], shape, "ab")
    raises(TypeError, ["shape", "row 1", "int"], shape, [[1], 2])


def test_dot_sums_products():
    """dot multiplies two rows element by element and adds the products."""
    # [1, 2, 3] . [4, 5, 6] = 1*4 + 2*5 + 3*6 = 4 + 10 + 18
    assert dot([1, 2, 3], [4, 5, 6]) == 32
    # [0.5, -0.25] . [2, 4] = 1 - 1
    assert dot([0.5, -0.25], [2.0, 4.0]) == 0.0
    # [1.5] . [-2] = -3
    assert dot([1.5], [-2.0]) == -3.0


def test_matmul_by_hand():
    """matmul sums row-times-column products for every output element."""
    # [[1, 2], [3, 4]] @ [[5], [6]] = [[1*5 + 2*6], [3*5 + 4*6]]
    assert matmul([[1, 2], [3, 4]], [[5], [6]]) == [[17], [39]]
    # [[1, 0, 2], [0, 1, -1]] @ [[1, 2], [3, 4], [5, 6]]
    #   = [[1*1 + 0*3 + 2*5, 1*2 + 0*4 + 2*6],
    #      [0*1 + 1*3 - 1*5, 0*2 + 1*4 - 1*6]]
    assert matmul([[1, 0, 2], [0, 1, -1]],
                  [[1, 2], [3, 4], [5, 6]]) == [[11, 14], [-2, -2]]
    # a column times a row is the outer product:
    # [[1], [2]] @ [[3, 4]] = [[1*3, 1*4], [2*3, 2*4]]
    assert matmul([[1], [2]], [[3, 4]]) == [[3, 4], [6, 8]]
    # a row times a column is one dot product: 0.5*4 + 0.25*8 = 2 + 2
    assert matmul([[0.5, 0.25]], [[4.0], [8.0]]) == [[4.0]]


def test_matmul_mismatch_names_both_shapes():
    """matmul refuses columns of a unequal to rows of b, naming shapes."""
    raises(ValueError, ["matmul", "columns", "(2)", "(3)", "1x2", "3x1"],
           matmul, [[1, 2]], [[1], [2], [3]])
    raises(ValueError, ["matmul", "columns", "2x3", "2x3"],
           matmul, [[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]])


def test_matmul_rejects_empty_ragged_and_non_lists():
    """matmul checks both operands as shape does."""
    raises(ValueError, ["ragged"], matmul, [[1, 2], [3]], [[1], [2]])
    raises(ValueError, ["ragged"], matmul, [[1, 2]], [[1], [2, 3]])
    raises(ValueError, ["empty"], matmul, [], [[1]])
    raises(ValueError, ["empty"], matmul, [[1]], [[]])
    raises(TypeError, ["int"], matmul, 5, [[1]])
    raises(TypeError, ["str"], matmul, [[1]], "b")


def test_transpose_swaps_rows_and_columns():
    """transpose puts a[i][j] at t[j][i] and undoes itself."""
    a = [[1, 2, 3], [4, 5, 6]]
    assert transpose(a) == [[1, 4], [2, 5], [3, 6]]
    assert transpose(transpose(a)) == a
    assert transpose([[1, 2, 3]]) == [[1], [2], [3]]
    assert a == [[1, 2, 3], [4, 5, 6]]
    raises(ValueError, ["ragged"], transpose, [[1, 2], [3]])
    raises(ValueError, ["empty"], transpose, [])
    raises(TypeError, ["float"], transpose, 1.5)


def test_add_subtract_multiply_by_hand():
    """add, subtract and multiply work element by element."""
    a = [[1, 2], [3, 4]]
    b = [[10, 20], [30, 40]]
    # [[1 + 10, 2 + 20], [3 + 30, 4 + 40]]
    assert add(a, b) == [[11, 22], [33, 44]]
    # [[1 - 10, 2 - 20], [3 - 30, 4 - 40]]
    assert subtract(a, b) == [[-9, -18], [-27, -36]]
    # [[1*10, 2*20], [3*30, 4*40]]
    assert multiply(a, b) == [[10, 40], [90, 160]]
    # 0.5 + 0.25, 0.5 - 0.25, 0.5 * 0.25, all exact in binary
    assert add([[0.5]], [[0.25]]) == [[0.75]]
    assert subtract([[0.5]], [[0.25]]) == [[0.25]]
    assert multiply([[0.5]], [[0.25]]) == [[0.125]]
    assert a == [[1, 2], [3, 4]] and b == [[10, 20], [30, 40]]


def test_elementwise_mismatch_names_both_shapes():
    """add, subtract and multiply name themselves and both shapes."""
    for func, name in ((add, "add"), (subtract, "subtract"),
                       (multiply, "multiply")):
        raises(ValueError, [name, "1x2", "2x1", "same shape"],
               func, [[1, 2]], [[1], [2]])
        raises(ValueError, [name, "2x2", "2x3"],
               func, [[1, 2], [3, 4]], [[1, 2, 3], [4, 5, 6]])
        raises(ValueError, ["ragged"], func, [[1, 2], [3]], [[1, 2], [3]])
        raises(ValueError, ["empty"], func, [], [])
        raises(TypeError, ["int"], func, 3, [[3]])


def test_scale_multiplies_every_element():
    """scale(a, c) is c times every element of a."""
    # 0.5 * [[1, -2], [3, 0.5]] = [[0.5, -1], [1.5, 0.25]]
    assert scale([[1, -2], [3, 0.5]], 0.5) == [[0.5, -1.0], [1.5, 0.25]]
    # -3 * [[2]] = [[-6]]
    assert scale([[2]], -3) == [[-6]]
    raises(ValueError, ["ragged"], scale, [[1], [2, 3]], 2)
    raises(ValueError, ["empty"], scale, [], 2)
    raises(TypeError, ["dict"], scale, {}, 2)


def test_apply_maps_every_element_once():
    """apply calls f once per element and keeps the shape."""
    # abs of [[-1, 2], [-3.5, 0]] = [[1, 2], [3.5, 0]]
    assert apply(abs, [[-1, 2], [-3.5, 0]]) == [[1, 2], [3.5, 0]]
    seen = []

    def double(v):
        seen.append(v)
        return 2 * v

    assert apply(double, [[1, 2, 3], [4, 5, 6]]) == [[2, 4, 6],
                                                     [8, 10, 12]]
    assert sorted(seen) == [1, 2, 3, 4, 5, 6]
    raises(ValueError, ["ragged"], apply, abs, [[1], [2, 3]])
    raises(TypeError, ["int"], apply, abs, 7)


# --- Random numbers ---

def test_mersenne_twister_matches_numpy_seed_42():
    """Seed 42 gives np.random.seed(42); np.random.rand() exactly."""
    # From NumPy 2.4.6: np.random.seed(42); np.random.rand(4). The
    # generator is integer arithmetic and one exact division by 2**53,
    # so the floats must agree to the last bit.
    rng = MersenneTwister(42)
    draws = [rng.random() for k in range(4)]
    assert draws == [0.3745401188473625, 0.9507143064099162,
                     0.7319939418114051, 0.5986584841970366], draws


def test_network_starts_from_the_tutorial_weights():
    """Network([3, 4, 1], seed=42) holds NumPy's rand(3, 4), rand(4, 1)."""
    # From NumPy 2.4.6: np.random.seed(42); np.random.rand(3, 4);
    # np.random.rand(4, 1), drawn row by row.
    net = Network([3, 4, 1], seed=42, bias=False)
    assert net.weights == [
        [[0.3745401188473625, 0.9507143064099162, 0.7319939418114051,
          0.5986584841970366],
         [0.15601864044243652, 0.15599452033620265, 0.05808361216819946,
          0.8661761457749352],
         [0.6011150117432088, 0.7080725777960455, 0.020584494295802447,
          0.9699098521619943]],
        [[0.8324426408004217], [0.21233911067827616],
         [0.18182496720710062], [0.18340450985343382]]], net.weights
    assert net.biases == []


def test_mersenne_twister_reference_outputs():
    """Seeded with 5489, MT19937's first and 10000th outputs are known."""
    # 5489 is the reference seed of init_genrand. The C++11 standard
    # ([rand.predef]) requires the 10000th output of mt19937 seeded so
    # to be 4123659995; the first is 3499211612 (NumPy 2.4.6:
    # np.random.RandomState(5489)._bit_generator.random_raw()).
    rng = MersenneTwister(5489)
    assert rng.next_uint32() == 3499211612
    for k in range(9998):
        rng.next_uint32()
    assert rng.next_uint32() == 4123659995


def test_random_has_53_bits_in_the_unit_interval():
    """random() is in [0, 1) and a whole number of 2**-53 steps."""
    rng = MersenneTwister(2024)
    for k in range(200):
        x = rng.random()
        assert 0.0 <= x < 1.0, x
        # 2**53 = 9007199254740992; x * 2**53 is exact in binary
        steps = x * 9007199254740992.0
        assert steps == int(steps), x


def test_uniform_stretches_random():
    """uniform(low, high) = low + (high - low) * random()."""
    a, b = MersenneTwister(11), MersenneTwister(11)
    for k in range(20):
        u = a.uniform(-2.0, 6.0)
        # low + (high - low) * r = -2 + 8 r
        assert u == -2.0 + 8.0 * b.random()
        assert -2.0 <= u < 6.0
    assert MersenneTwister(0).uniform(3.0, 3.0) == 3.0


def test_randbelow_covers_its_range():
    """randbelow(n) returns every value of range(n) and nothing else."""
    rng = MersenneTwister(7)
    draws = [rng.randbelow(6) for k in range(600)]
    assert set(draws) == set(range(6)), sorted(set(draws))
    assert [rng.randbelow(1) for k in range(5)] == [0, 0, 0, 0, 0]
    draws = [rng.randbelow(1000003) for k in range(100)]
    assert min(draws) >= 0 and max(draws) < 1000003


def test_randbelow_of_a_power_of_two_masks_one_output():
    """For n = 2**k every masked draw is below n, so none is rejected."""
    a, b = MersenneTwister(99), MersenneTwister(99)
    for k in range(10):
        # mask 2**32 - 1 keeps the whole output
        assert a.randbelow(4294967296) == b.next_uint32()
        # mask 8 - 1 = 0b111 keeps the low three bits
        assert a.randbelow(8) == b.next_uint32() & 7


def test_randbelow_rejects_out_of_range():
    """randbelow needs 1 <= n <= 2**32."""
    rng = MersenneTwister(1)
    for n in (0, -1, 4294967297):
        raises(ValueError, ["randbelow", "n", "2**32", str(n)],
               rng.randbelow, n)


def test_randbelow_rejects_a_number_that_is_not_an_int():
    """randbelow(2.5) and randbelow(True) raise TypeError."""
    rng = MersenneTwister(1)
    for n in (2.5, True, "3"):
        raises(TypeError, ["randbelow", "int"], rng.randbelow, n)


def test_shuffle_is_a_seeded_permutation():
    """shuffle permutes in place and repeats with the same seed."""
    first = list(range(10))
    MersenneTwister(3).shuffle(first)
    assert sorted(first) == list(range(10))
    assert first != list(range(10))
    again = list(range(10))
    MersenneTwister(3).shuffle(again)
    assert again == first
    other = list(range(10))
    MersenneTwister(4).shuffle(other)
    assert other != first
    # NumPy 2.4.6: np.random.seed(0); a = np.arange(6);
    # np.random.shuffle(a) gives [5 2 1 3 0 4]: the same Fisher-Yates
    # draws from the same generator.
    items = [0, 1, 2, 3, 4, 5]
    MersenneTwister(0).shuffle(items)
    assert items == [5, 2, 1, 3, 0, 4], items
    empty, single = [], ["x"]
    MersenneTwister(0).shuffle(empty)
    MersenneTwister(0).shuffle(single)
    assert empty == [] and single == ["x"]


def test_mersenne_twister_checks_its_seed():
    """The seed must be an int in [0, 2**32 - 1]."""
    for bad in (-1, 4294967296):
        raises(ValueError, ["MersenneTwister", "seed", str(bad)],
               MersenneTwister, bad)
    for bad, kind in ((1.5, "float"), ("42", "str"), (True, "bool"),
                      (None, "NoneType")):
        raises(TypeError, ["MersenneTwister", "seed", "int", kind],
               MersenneTwister, bad)
    for good in (0, 4294967295):
        assert 0.0 <= MersenneTwister(good).random() < 1.0


# --- Activations ---

def test_sigmoid_by_hand():
    """sigmoid(z) = 1 / (1 + exp(-z)) at 0, 1 and -1."""
    # 1 / (1 + e^0) = 1 / 2
    assert sigmoid(0) == 0.5
    assert sigmoid(0.0) == 0.5
    # 1 / (1 + e^-1) = 1 / (1 + 0.367879441171442) = 1 / 1.367879441171442
    #                ~ 0.731058578630005
    close(sigmoid(1.0), 0.731058578630005, abs_tol=1e-15)
    # sigmoid(-1) = 1 - sigmoid(1) ~ 1 - 0.731058578630005
    close(sigmoid(-1.0), 0.268941421369995, abs_tol=1e-15)


def test_sigmoid_survives_extreme_inputs():
    """sigmoid never raises and stays in [0, 1], even for huge |z|."""
    assert sigmoid(-1000.0) == 0.0
    assert sigmoid(1000.0) == 1.0
    inf = float("inf")
    for z in (1e308, -1e308, 709.9, -709.9, 745.0, -745.0, -800.0,
              1e-300, -1e-300, inf, -inf):
        s = sigmoid(z)
        assert 0.0 <= s <= 1.0, (z, s)
    assert sigmoid(1e308) == 1.0 and sigmoid(inf) == 1.0
    assert sigmoid(-1e308) == 0.0 and sigmoid(-inf) == 0.0
    # e^-800 ~ 3.7e-348 is below the smallest double (4.9e-324), so both
    # sides are 0.0: sigmoid(-800) ~ e^-800 underflows to zero.
    assert sigmoid(-800.0) == 0.0 == math.exp(-800.0)
    # e^740 overflows (ln of the largest double is ~709.78), and
    # e^-740 / (1 + e^-740) = e^-740 (1 - e^-740 + ...) rounds to
    # e^-740 ~ 4.2e-322, a subnormal that is not zero.
    assert sigmoid(-740.0) == math.exp(-740.0) > 0.0
    assert sigmoid(-709.9) == math.exp(-709.9) > 0.0
    # z = -709 still takes 1 / (1 + e^709) with e^709 ~ 8.2e307 finite;
    # the result ~1.2e-308 is subnormal, spaced 4.9e-324 = 4e-16 of it,
    # so it matches e^-709 to a few 1e-16: allow 1e-14 relative.
    close(sigmoid(-709.0), math.exp(-709.0), rel_tol=1e-14)
    assert sigmoid(-709.0) > 0.0


def test_sigmoid_derivative_from_the_output():
    """sigmoid'(z) = s (1 - s), written with the output s."""
    # 0.5 * (1 - 0.5) = 0.25, the largest slope, at z = 0
    assert sigmoid_derivative(0.5) == 0.25
    # 0.75 * 0.25 = 0.1875
    assert sigmoid_derivative(0.75) == 0.1875
    assert sigmoid_derivative(0.0) == 0.0
    assert sigmoid_derivative(1.0) == 0.0
    # at z = 1: 0.731058578630005 * 0.268941421369995 ~ 0.196611933241482
    close(sigmoid_derivative(sigmoid(1.0)), 0.196611933241482,
          abs_tol=1e-15)


def test_tanh_and_its_derivative():
    """tanh by hand at 0 and ln 2; tanh'(z) = 1 - a^2 from the output."""
    assert tanh(0.0) == 0.0
    # tanh(ln 2) = (e^(2 ln 2) - 1) / (e^(2 ln 2) + 1) = (4 - 1) / (4 + 1)
    #            = 0.600000000000000 (ln 2 itself is rounded)
    close(tanh(math.log(2.0)), 0.600000000000000, abs_tol=1e-15)
    close(tanh(-math.log(2.0)), -0.600000000000000, abs_tol=1e-15)
    assert tanh(1000.0) == 1.0 and tanh(-1000.0) == -1.0
    # 1 - 0.5^2 = 0.75; 1 - 0 = 1; 1 - 1 = 0
    assert tanh_derivative(0.5) == 0.75
    assert tanh_derivative(-0.5) == 0.75
    assert tanh_derivative(0.0) == 1.0
    assert tanh_derivative(1.0) == 0.0


def test_relu_and_its_derivative():
    """relu(z) = max(0, z); its slope is 1 above 0 and 0 at or below."""
    assert relu(-2.0) == 0.0
    assert relu(3.5) == 3.5
    assert relu(0.0) == 0.0
    assert relu(-1e-300) == 0.0
    assert relu(1e-300) == 1e-300
    assert relu_derivative(3.5) == 1.0
    assert relu_derivative(1e-300) == 1.0
    # the kink at z = 0 is given slope 0
    assert relu_derivative(0.0) == 0.0


def test_identity_and_its_derivative():
    """identity returns z unchanged, with slope 1 everywhere."""
    for z in (-7.5, 0.0, 1e308):
        assert backprop.identity(z) == z
        assert backprop.identity_derivative(z) == 1.0


def test_softmax_by_hand():
    """softmax(z)_k = e^z_k / sum_j e^z_j."""
    # [e^0, e^ln 2] / (1 + 2) = [1/3, 2/3]
    close(softmax([0.0, math.log(2.0)]),
          [0.333333333333333, 0.666666666666667], abs_tol=1e-15)
    # [e^0, e^ln 2, e^ln 5] / (1 + 2 + 5) = [1/8, 2/8, 5/8]
    close(softmax([0.0, math.log(2.0), math.log(5.0)]),
          [0.125, 0.25, 0.625], abs_tol=1e-15)
    # [e^-2, e^-1, e^0] / (0.135335283236613 + 0.367879441171442 + 1)
    #   = [0.135335283236613, 0.367879441171442, 1] / 1.503214724408055
    close(softmax([1.0, 2.0, 3.0]),
          [0.090030573170380, 0.244728471054798, 0.665240955774822],
          abs_tol=1e-15)
    assert softmax([0.0, 0.0]) == [0.5, 0.5]
    assert softmax([5.0]) == [1.0]
    raises(ValueError, ["softmax", "empty"], softmax, [])


def test_softmax_of_large_values_does_not_overflow():
    """softmax subtracts the largest z, so e^1000 is never formed."""
    # [e^0, e^0] / 2
    assert softmax([1000.0, 1000.0]) == [0.5, 0.5]
    assert softmax([-1000.0, -1000.0]) == [0.5, 0.5]
    # [e^0, e^-1000] / (1 + e^-1000) = [1, 0] in doubles
    assert softmax([1000.0, 0.0]) == [1.0, 0.0]


def test_softmax_is_shift_invariant():
    """Adding a constant to every z leaves softmax unchanged."""
    # both rows become [-2, -1, 0] once their largest value is taken off
    assert softmax([1.0, 2.0, 3.0]) == softmax([101.0, 102.0, 103.0])
    assert softmax([0.5, -0.25]) == softmax([-99.5, -100.25])


# --- Losses and metrics ---

def test_mse_by_hand():
    """mse is the mean of (y - a)^2 over all elements."""
    # ((1-1)^2 + (2-0)^2 + (3-0)^2 + (4-4)^2) / 4 = (0 + 4 + 9 + 0) / 4
    assert mse([[1.0, 2.0], [3.0, 4.0]], [[1.0, 0.0], [0.0, 4.0]]) == 3.25
    # ((0 - 0.5)^2 + (1 - 0.5)^2) / 2 = 0.5 / 2
    assert mse([[0.0, 1.0]], [[0.5, 0.5]]) == 0.25
    assert mse([[2.5]], [[2.5]]) == 0.0


def test_binary_cross_entropy_by_hand():
    """bce = -mean(y ln a + (1 - y) ln(1 - a)) over all elements."""
    # -(1 ln 0.5) = ln 2 ~ 0.693147180559945
    close(binary_cross_entropy([[1.0]], [[0.5]]), 0.693147180559945,
          abs_tol=1e-15)
    # -(0 ln 0.25 + 1 ln 0.75) = -ln 0.75 ~ 0.287682072451781
    close(binary_cross_entropy([[0.0]], [[0.25]]), 0.287682072451781,
          abs_tol=1e-15)
    # mean of the two: (0.693147180559945 + 0.287682072451781) / 2
    #                 ~ 0.490414626505863
    close(binary_cross_entropy([[1.0, 0.0]], [[0.5, 0.25]]),
          0.490414626505863, abs_tol=1e-15)
    # a soft target: -(0.5 ln 0.5 + 0.5 ln 0.5) = ln 2
    close(binary_cross_entropy([[0.5]], [[0.5]]), 0.693147180559945,
          abs_tol=1e-15)


def test_binary_cross_entropy_clips_confident_mistakes():
    """A prediction of exactly 0 or 1 costs a large finite amount."""
    # y = 1, a = 0: a is raised to 1e-12, so the cost is
    # -ln(1e-12) = 12 ln 10 = 12 * 2.302585092994046 ~ 27.63102111592855
    close(binary_cross_entropy([[1.0]], [[0.0]]), 27.63102111592855,
          abs_tol=1e-14)
    # y = 0, a = 1: a is lowered to 1 - 1e-12, which in binary is
    # 0.999999999999000022...; 1 - that = 9.999778782798785e-13, and
    # -ln(9.999778782798785e-13) ~ 27.63104323789336
    close(binary_cross_entropy([[0.0]], [[1.0]]), 27.63104323789336,
          abs_tol=1e-14)
    # a perfect prediction is clipped too: -ln(0.999999999999000022)
    # ~ 9.999778782804e-13, not 0
    close(binary_cross_entropy([[1.0]], [[1.0]]), 9.999778782804e-13,
          abs_tol=1e-25)
    assert backprop.EPSILON == 1e-12


def test_cross_entropy_by_hand():
    """cross_entropy = -mean over rows of sum_k y_k ln a_k."""
    # -(0 ln 0.5 + 1 ln 0.5) = ln 2
    close(cross_entropy([[0.0, 1.0]], [[0.5, 0.5]]), 0.693147180559945,
          abs_tol=1e-15)
    # rows: -ln 0.5 = 0.693147180559945 and -ln 0.75 = 0.287682072451781;
    # mean over the 2 rows ~ 0.490414626505863
    close(cross_entropy([[1.0, 0.0], [0.0, 1.0]],
                        [[0.5, 0.5], [0.25, 0.75]]),
          0.490414626505863, abs_tol=1e-15)
    # -(1 ln 1) = 0
    assert cross_entropy([[0.0, 1.0]], [[0.0, 1.0]]) == 0.0
    # soft targets weight each log: -(0.5 ln 0.25 + 0.5 ln 0.75)
    #   = 0.5 (1.386294361119891 + 0.287682072451781) ~ 0.836988216785836
    close(cross_entropy([[0.5, 0.5]], [[0.25, 0.75]]), 0.836988216785836,
          abs_tol=1e-15)
    # y = [1, 0], a = [0, 1]: ln 0 becomes ln 1e-12, ~ 27.63102111592855
    close(cross_entropy([[1.0, 0.0]], [[0.0, 1.0]]), 27.63102111592855,
          abs_tol=1e-14)


def test_losses_reject_bad_shapes_and_values():
    """Each loss names itself and both shapes, or the bad element."""
    for func, name in ((mse, "mse"),
                       (binary_cross_entropy, "binary_cross_entropy"),
                       (cross_entropy, "cross_entropy")):
        raises(ValueError, [name, "1x2", "2x1"], func, [[1.0, 0.0]],
               [[1.0], [0.0]])
        raises(ValueError, [name, "y_pred[0][1]", "nan"], func,
               [[1.0, 0.0]], [[0.5, float("nan")]])
        raises(TypeError, [name, "y_true[0][0]", "str"], func,
               [["1", 0.0]], [[0.5, 0.5]])
        raises(ValueError, ["ragged"], func, [[1.0], [0.0, 1.0]],
               [[1.0], [0.0, 1.0]])


def test_accuracy_with_one_hot_rows():
    """With several columns the class is the arg-max of each row."""
    # arg-max of targets: 0, 1, 1; of predictions: 0, 1, 0 -> 2 of 3
    assert accuracy([[1, 0], [0, 1], [0, 1]],
                    [[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]]) == 2 / 3
    assert accuracy([[0, 0, 1]], [[0.2, 0.3, 0.5]]) == 1.0
    assert accuracy([[0, 0, 1]], [[0.2, 0.5, 0.3]]) == 0.0


def test_accuracy_with_one_column():
    """With one column the class is 1 when the value is at least 0.5."""
    # targets 1, 0, 1, 0; predicted classes 1 (0.5), 0 (0.49), 0, 1
    assert accuracy([[1], [0], [1], [0]],
                    [[0.5], [0.49], [0.2], [0.7]]) == 0.5
    raises(ValueError, ["accuracy", "2x1", "1x1"], accuracy,
           [[1], [0]], [[1]])


# --- Data helpers ---

def test_one_hot_round_trip():
    """one_hot uses the sorted labels as columns; from_one_hot undoes it."""
    rows = one_hot(["b", "a", "c", "a"])
    assert rows == [[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0],
                    [1.0, 0.0, 0.0]]
    assert from_one_hot(rows, ["a", "b", "c"]) == ["b", "a", "c", "a"]
    assert from_one_hot(rows) == [1, 0, 2, 0]


def test_one_hot_with_given_classes():
    """classes fixes the order of the columns."""
    rows = one_hot([2, 0], classes=[2, 1, 0])
    assert rows == [[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]]
    assert from_one_hot(rows, [2, 1, 0]) == [2, 0]
    # probabilities: the largest of each row wins
    assert from_one_hot([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]]) == [1, 0]


def test_one_hot_errors():
    """one_hot needs labels, all of them among the classes."""
    raises(ValueError, ["one_hot", "no labels"], one_hot, [])
    raises(ValueError, ["one_hot", "'z'", "classes"], one_hot, ["a", "z"],
           ["a", "b"])
    raises(ValueError, ["empty"], from_one_hot, [])


def test_standardizer_by_hand():
    """Standardizer uses each column's mean and population std."""
    # column 0: 2, 4, 4, 4, 5, 5, 7, 9; mean 40 / 8 = 5; squared
    # deviations 9, 1, 1, 1, 0, 0, 4, 16 sum to 32; std sqrt(32 / 8) = 2.
    # column 1 is constant 3: std 0, which is replaced by 1.
    X = [[2.0, 3.0], [4.0, 3.0], [4.0, 3.0], [4.0, 3.0], [5.0, 3.0],
         [5.0, 3.0], [7.0, 3.0], [9.0, 3.0]]
    s = Standardizer().fit(X)
    assert s.mean == [5.0, 3.0]
    assert s.std == [2.0, 1.0]
    # (x - 5) / 2 and (3 - 3) / 1
    scaled = s.transform(X)
    assert [row[0] for row in scaled] == [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0,
                                          1.0, 2.0]
    assert [row[1] for row in scaled] == [0.0] * 8
    assert s.inverse_transform(scaled) == X
    assert Standardizer().fit_transform(X) == scaled
    # new data: ((9 - 5) / 2, (4 - 3) / 1)
    assert s.transform([[9.0, 4.0]]) == [[2.0, 1.0]]
    again = Standardizer.from_dict(s.to_dict())
    assert again.mean == [5.0, 3.0] and again.std == [2.0, 1.0]


def test_standardizer_errors():
    """Standardizer needs fit() first and rows of the fitted width."""
    raises(ValueError, ["transform", "fit"], Standardizer().transform,
           [[1.0]])
    raises(ValueError, ["inverse_transform", "fit"],
           Standardizer().inverse_transform, [[1.0]])
    s = Standardizer().fit([[1.0, 2.0], [3.0, 4.0]])
    raises(ValueError, ["transform", "row 0", "3 values", "expected 2"],
           s.transform, [[1.0, 2.0, 3.0]])
    raises(ValueError, ["fit", "empty"], Standardizer().fit, [])
    raises(ValueError, ["fit", "nan"], Standardizer().fit,
           [[float("nan")]])


def test_train_test_split_sizes_and_pairs():
    """train_test_split holds out a share of rows, keeping X and Y paired."""
    X = [[float(i)] for i in range(8)]
    Y = [[10.0 * i] for i in range(8)]
    # 8 * 0.25 = 2 rows held out, 6 kept
    X_train, X_test, Y_train, Y_test = train_test_split(X, Y, 0.25, seed=0)
    assert (len(X_train), len(X_test), len(Y_train), len(Y_test)) == (
        6, 2, 6, 2)
    for xs, ys in ((X_train, Y_train), (X_test, Y_test)):
        for x, y in zip(xs, ys):
            assert y == [10.0 * x[0]]
    assert sorted(x[0] for x in X_train + X_test) == [float(i)
                                                      for i in range(8)]
    # 10 * 0.3 = 3 held out
    parts = train_test_split(X + X[:2], Y + Y[:2], test_size=0.3, seed=1)
    assert [len(p) for p in parts] == [7, 3, 7, 3]


def test_train_test_split_repeats_with_a_seed():
    """The same seed gives the same split; another seed another one."""
    X = [[float(i)] for i in range(8)]
    first = train_test_split(X, X, 0.25, seed=0)
    assert train_test_split(X, X, 0.25, seed=0) == first
    assert train_test_split(X, X, 0.25, seed=1) != first


def test_train_test_split_keeps_a_row_on_each_side():
    """At least one row goes to each side, whatever test_size says."""
    X = [[1.0], [2.0]]
    for share in (0.01, 0.5, 0.99):
        parts = train_test_split(X, X, share, seed=5)
        assert [len(p) for p in parts] == [1, 1, 1, 1], share


def test_train_test_split_rounds_half_up():
    """The held-out count is n * test_size rounded half up."""
    # 6 * 0.25 = 1.5 -> 2 and 10 * 0.25 = 2.5 -> 3 (not 2, as round()
    # would give, rounding halves to even).
    for n, held_out in ((6, 2), (10, 3), (4, 1)):
        X = [[float(k)] for k in range(n)]
        parts = train_test_split(X, X, 0.25, seed=0)
        assert len(parts[1]) == held_out, (n, len(parts[1]))


def test_train_test_split_errors():
    """Row counts must agree, with two rows or more, and 0 < test_size < 1."""
    raises(ValueError, ["train_test_split", "3 rows", "Y has 2"],
           train_test_split, [[1], [2], [3]], [[1], [2]])
    raises(ValueError, ["train_test_split", "at least 2"],
           train_test_split, [[1]], [[1]])
    for share in (0.0, 1.0, -0.5, 1.5):
        raises(ValueError, ["train_test_split", "test_size", repr(share)],
               train_test_split, [[1], [2]], [[1], [2]], share)


# --- Checking input ---

def test_predict_rejects_bad_batches():
    """predict names what is wrong with X and leaves the network alone."""
    net = Network([3, 2, 1], seed=1)
    _unchanged(net, ValueError, ["predict", "X row 1", "2 values",
                                 "expected 3"],
               net.predict, [[0.1, 0.2, 0.3], [0.4, 0.5]])
    _unchanged(net, ValueError, ["predict", "X", "empty"], net.predict, [])
    _unchanged(net, ValueError, ["X row 0", "2 values", "expected 3",
                                 "input unit"],
               net.predict, [[0.1, 0.2]])
    _unchanged(net, TypeError, ["predict", "X[0][1]", "'0.2'", "str"],
               net.predict, [[0.1, "0.2", 0.3]])
    _unchanged(net, TypeError, ["X[0][1]", "None"],
               net.predict, [[0.1, None, 0.3]])
    _unchanged(net, TypeError, ["X[0][2]", "True", "bool"],
               net.predict, [[0.1, 0.2, True]])
    _unchanged(net, ValueError, ["X[1][2]", "nan", "finite"],
               net.predict, [[0.1, 0.2, 0.3], [0.1, 0.2, float("nan")]])
    _unchanged(net, ValueError, ["X[0][0]", "inf", "finite"],
               net.predict, [[float("inf"), 0.2, 0.3]])
    _unchanged(net, ValueError, ["X[0][0]", "-inf"],
               net.predict, [[float("-inf"), 0.2, 0.3]])
    # a single row not wrapped in a list
    _unchanged(net, TypeError, ["X row 0", "float"],
               net.predict, [0.1, 0.2, 0.3])
    _unchanged(net, TypeError, ["X", "str"], net.predict, "0.1 0.2 0.3")
    # ints are numbers too
    assert net.predict([[1, 0, 2]]) == net.predict([[1.0, 0.0, 2.0]])


def test_training_rejects_bad_data():
    """train names the bad row or element and changes nothing."""
    net = Network([3, 2, 1], seed=1)
    X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
    _unchanged(net, ValueError, ["train", "X has 3 rows", "Y has 2"],
               net.train, X, [[0.2], [0.5]])
    _unchanged(net, ValueError, ["train", "X row 2", "2 values"],
               net.train, [X[0], X[1], [0.7, 0.8]], [[0.2], [0.5], [0.8]])
    _unchanged(net, ValueError, ["train", "X", "empty"], net.train, [], [])
    _unchanged(net, ValueError, ["train", "Y row 0", "2 values",
                                 "expected 1", "output unit"],
               net.train, X, [[0.2, 0.1], [0.5, 0.1], [0.8, 0.1]])
    _unchanged(net, ValueError, ["train", "Y[1][0]", "nan"],
               net.train, X, [[0.2], [float("nan")], [0.8]])
    _unchanged(net, ValueError, ["train", "Y[2][0]", "inf"],
               net.train, X, [[0.2], [0.5], [float("inf")]])
    _unchanged(net, ValueError, ["train", "X[0][0]", "nan"],
               net.train, [[float("nan"), 0.2, 0.3]], [[0.2]])
    _unchanged(net, TypeError, ["train", "X[0][2]", "None"],
               net.train, [[0.1, 0.2, None]], [[0.2]])
    _unchanged(net, TypeError, ["train", "Y[0][0]", "bool"],
               net.train, [[0.1, 0.2, 0.3]], [[False]])
    for method, name in ((net.evaluate, "evaluate"),
                         (net.objective, "objective"),
                         (net.gradients, "gradients")):
        _unchanged(net, ValueError, [name, "X has 3 rows", "Y has 1"],
                   method, X, [[0.2]])


def test_training_rejects_bad_settings():
    """train checks every setting before the first update."""
    net = Network([3, 2, 1], seed=1)
    X, Y = TUTORIAL_X, TUTORIAL_Y
    _unchanged(net, ValueError, ["train", "epochs", "at least 0", "-1"],
               net.train, X, Y, epochs=-1)
    _unchanged(net, TypeError, ["train", "epochs", "int", "1.5"],
               net.train, X, Y, epochs=1.5)
    _unchanged(net, TypeError, ["epochs", "True"],
               net.train, X, Y, epochs=True)
    _unchanged(net, ValueError, ["train", "batch_size", "at least 1"],
               net.train, X, Y, batch_size=0)
    _unchanged(net, TypeError, ["batch_size", "int"],
               net.train, X, Y, batch_size=2.0)
    _unchanged(net, ValueError, ["train", "optimizer", "'rmsprop'", "sgd",
                                 "momentum", "adam"],
               net.train, X, Y, optimizer="rmsprop")
    for rate in (0, -0.1, float("nan"), float("inf")):
        _unchanged(net, ValueError, ["train", "learning_rate", "positive"],
                   net.train, X, Y, learning_rate=rate)
    _unchanged(net, TypeError, ["train", "learning_rate", "'0.1'"],
               net.train, X, Y, learning_rate="0.1")
    for name in ("momentum", "beta1", "beta2"):
        for value in (1.0, -0.1):
            kwargs = {name: value}
            _unchanged(net, ValueError, ["train", name, "[0, 1)"],
                       net.train, X, Y, **kwargs)
        # the wrong kind of object is a TypeError
        kwargs = {name: "0.9"}
        _unchanged(net, TypeError, ["train", name, "number", "'0.9'"],
                   net.train, X, Y, **kwargs)
    _unchanged(net, TypeError, ["train", "min_delta", "number"],
               net.train, X, Y, min_delta=True)
    _unchanged(net, ValueError, ["train", "epsilon", "positive"],
               net.train, X, Y, epsilon=0.0)
    _unchanged(net, ValueError, ["train", "patience", "at least 1"],
               net.train, X, Y, patience=0)
    _unchanged(net, ValueError, ["train", "every", "at least 1"],
               net.train, X, Y, every=0)
    _unchanged(net, ValueError, ["train", "min_delta", "-1"],
               net.train, X, Y, min_delta=-1)
    _unchanged(net, TypeError, ["train", "callback", "callable"],
               net.train, X, Y, callback=5)


def test_loss_specific_targets_are_checked():
    """bce targets must lie in [0, 1]; cross_entropy rows must be one-hot."""
    net = Network([2, 1], seed=1, loss="binary_cross_entropy")
    for bad in (1.5, -0.1):
        _unchanged(net, ValueError, ["train", "Y[0][0]", repr(bad),
                                     "binary_cross_entropy", "[0, 1]"],
                   net.train, [[0.5, 0.5]], [[bad]])
    net.train([[0.5, 0.5]], [[0.25]], epochs=1)
    net = Network([2, 2], seed=1, output_activation="softmax",
                  loss="cross_entropy")
    _unchanged(net, ValueError, ["train", "Y row 0", "cross_entropy",
                                 "sum to 1"],
               net.train, [[0.5, 0.5]], [[1.0, 1.0]])
    _unchanged(net, ValueError, ["evaluate", "Y row 1", "non-negative"],
               net.evaluate, [[0.5, 0.5], [0.1, 0.2]],
               [[0.0, 1.0], [-1.0, 2.0]])
    _unchanged(net, ValueError, ["Y row 0", "one_hot"],
               net.gradients, [[0.5, 0.5]], [[0.0, 0.0]])


# --- Network: construction ---

def test_network_rejects_bad_sizes():
    """sizes needs two or more ints of at least 1."""
    raises(ValueError, ["Network", "two layers", "[3]"], Network, [3])
    raises(ValueError, ["Network", "two layers"], Network, [])
    raises(ValueError, ["Network", "sizes[1]", "at least 1", "0"],
           Network, [3, 0, 1])
    raises(ValueError, ["sizes[0]", "-2"], Network, [-2, 1])
    raises(TypeError, ["Network", "sizes[1]", "int", "2.0"],
           Network, [3, 2.0, 1])
    raises(TypeError, ["sizes[1]", "True"], Network, [3, True])
    raises(TypeError, ["Network", "sizes", "list"], Network, "3,1")
    raises(TypeError, ["sizes"], Network, 3)
    assert Network((3, 2), seed=0).sizes == [3, 2]


def test_network_rejects_bad_learning_rates():
    """learning_rate must be a positive finite number."""
    for rate in (0, 0.0, -1, float("nan"), float("inf")):
        raises(ValueError, ["Network", "learning_rate", "positive"],
               Network, [2, 1], learning_rate=rate)
    for rate in ("0.1", None, True, [0.1]):
        raises(TypeError, ["Network", "learning_rate", "number"],
               Network, [2, 1], learning_rate=rate)
    assert Network([2, 1], learning_rate=2).learning_rate == 2.0


def test_network_rejects_unknown_names():
    """Unknown activation, output, loss or init names are refused."""
    raises(ValueError, ["Network", "activation", "'softmax'", "sigmoid",
                        "tanh", "relu", "identity"],
           Network, [2, 2, 1], activation="softmax")
    raises(ValueError, ["activation", "'Sigmoid'"],
           Network, [2, 2, 1], activation="Sigmoid")
    raises(ValueError, ["Network", "output_activation", "'linear'",
                        "softmax"],
           Network, [2, 1], output_activation="linear")
    raises(ValueError, ["Network", "loss", "'hinge'", "mse",
                        "binary_cross_entropy", "cross_entropy"],
           Network, [2, 1], loss="hinge")
    raises(ValueError, ["Network", "init", "'zeros'", "uniform", "xavier",
                        "he"],
           Network, [2, 1], init="zeros")


def test_network_rejects_senseless_combinations():
    """Softmax needs several outputs and cross-entropy, and vice versa."""
    raises(ValueError, ["Network", "softmax", "single output"],
           Network, [2, 1], output_activation="softmax",
           loss="cross_entropy")
    raises(ValueError, ["Network", "softmax", "cross_entropy", "'mse'"],
           Network, [2, 2], output_activation="softmax")
    raises(ValueError, ["Network", "softmax", "'binary_cross_entropy'"],
           Network, [2, 2], output_activation="softmax",
           loss="binary_cross_entropy")
    raises(ValueError, ["Network", "cross_entropy", "softmax",
                        "'sigmoid'"],
           Network, [2, 2], loss="cross_entropy")
    for out in ("relu", "tanh", "identity"):
        raises(ValueError, ["Network", "binary_cross_entropy", "sigmoid",
                            repr(out)],
               Network, [2, 1], output_activation=out,
               loss="binary_cross_entropy")


def test_network_checks_its_seed():
    """Network refuses a seed outside 0..2**32-1 or of the wrong type."""
    raises(ValueError, ["Network", "seed", "-1"], Network, [2, 1], seed=-1)
    raises(ValueError, ["Network", "seed"], Network, [2, 1], seed=2 ** 32)
    raises(TypeError, ["Network", "seed", "'1'"], Network, [2, 1],
           seed="1")


def test_default_init_follows_the_hidden_activation():
    """uniform for sigmoid, he for relu, xavier for tanh and identity."""
    for activation, init in (("sigmoid", "uniform"), ("relu", "he"),
                             ("tanh", "xavier"), ("identity", "xavier")):
        net = Network([2, 3, 1], seed=0, activation=activation)
        assert net.init == init, (activation, net.init)
    assert Network([2, 3, 1], seed=0, init="he").init == "he"


def test_uniform_init_is_numpy_rand():
    """init="uniform" draws each weight from [0, 1), row by row."""
    net = Network([3, 5, 2], seed=8, init="uniform")
    rng = MersenneTwister(8)
    for W in net.weights:
        for row in W:
            for w in row:
                assert w == rng.random()
                assert 0.0 <= w < 1.0


def test_xavier_init_by_hand():
    """init="xavier" draws from [-b, b) with b = sqrt(6 / (n_in + n_out))."""
    # layer 0: b = sqrt(6 / (4 + 6)) = sqrt(0.6) ~ 0.774596669241483
    # layer 1: b = sqrt(6 / (6 + 2)) = sqrt(0.75) ~ 0.866025403784439
    net = Network([4, 6, 2], seed=5, activation="tanh")
    rng = MersenneTwister(5)
    for W, bound in zip(net.weights, (0.774596669241483,
                                      0.866025403784439)):
        high = math.sqrt(6.0 / (len(W) + len(W[0])))
        close(high, bound, abs_tol=1e-15)
        for row in W:
            for w in row:
                # low + (high - low) * r with low = -high
                assert w == -high + (high + high) * rng.random()
                assert -high <= w < high
        flat = [w for row in W for w in row]
        assert min(flat) < 0.0 < max(flat)


def test_he_init_by_hand():
    """init="he" draws from [-b, b) with b = sqrt(6 / n_in)."""
    # layer 0: b = sqrt(6 / 3) = sqrt(2) ~ 1.414213562373095
    # layer 1: b = sqrt(6 / 5) = sqrt(1.2) ~ 1.095445115010332
    net = Network([3, 5, 1], seed=9, activation="relu")
    rng = MersenneTwister(9)
    for W, bound in zip(net.weights, (1.414213562373095,
                                      1.095445115010332)):
        high = math.sqrt(6.0 / len(W))
        close(high, bound, abs_tol=1e-15)
        for row in W:
            for w in row:
                assert w == -high + (high + high) * rng.random()
                assert -high <= w < high


def test_seeded_networks_repeat():
    """The same seed gives the same weights; another seed others."""
    first = Network([3, 4, 2], seed=123)
    assert Network([3, 4, 2], seed=123).weights == first.weights
    assert Network([3, 4, 2], seed=124).weights != first.weights
    fresh = Network([3, 4, 2])
    assert 0 <= fresh.seed <= 4294967295
    assert Network([3, 4, 2], seed=fresh.seed).weights == fresh.weights


def test_network_shapes_and_zero_biases():
    """weights[l] is sizes[l] x sizes[l + 1]; biases start at 0."""
    net = Network([3, 4, 2], seed=0)
    assert [shape(W) for W in net.weights] == [(3, 4), (4, 2)]
    assert net.biases == [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0]]
    assert Network([3, 4, 2], seed=0, bias=False).biases == []
    text = repr(net)
    for word in ("Network", "[3, 4, 2]", "sigmoid", "mse"):
        assert word in text, text


def test_wrong_weight_shapes_are_named():
    """A weight matrix of the wrong shape is refused, naming both shapes."""
    net = Network([3, 4, 1], seed=1)
    net.weights[0] = [[1.0]]
    raises(ValueError, ["predict", "weights[0]", "3 x 4", "1 x 1"],
           net.predict, TUTORIAL_X)
    _unchanged(net, ValueError, ["train", "weights[0]", "3 x 4", "1 x 1"],
               net.train, TUTORIAL_X, TUTORIAL_Y)
    assert net.weights[0] == [[1.0]]
    net = Network([3, 4, 1], seed=1)
    net.weights[1] = [[1.0], [1.0], [1.0], [1.0, 2.0]]
    _unchanged(net, ValueError, ["gradients", "weights[1]", "4 x 1",
                                 "lengths"],
               net.gradients, TUTORIAL_X, TUTORIAL_Y)
    net = Network([3, 4, 1], seed=1)
    net.weights = net.weights[:1]
    _unchanged(net, ValueError, ["evaluate", "weights", "2 matrices"],
               net.evaluate, TUTORIAL_X, TUTORIAL_Y)


def test_wrong_biases_are_named():
    """Biases must match the layers, and be [] for bias=False."""
    net = Network([3, 4, 1], seed=1)
    net.biases[1] = [0.0, 0.0]
    _unchanged(net, ValueError, ["train", "biases[1]", "1 values",
                                 "sizes[2]"],
               net.train, TUTORIAL_X, TUTORIAL_Y)
    net.biases = [[0.0] * 4]
    _unchanged(net, ValueError, ["predict", "biases", "2 rows", "got 1"],
               net.predict, TUTORIAL_X)
    net = Network([3, 4, 1], seed=1, bias=False)
    net.biases = [[0.0] * 4, [0.0]]
    _unchanged(net, ValueError, ["train", "biases must be []",
                                 "bias=False"],
               net.train, TUTORIAL_X, TUTORIAL_Y)


def test_non_finite_weights_are_refused():
    """A NaN weight or an infinite bias stops predict and train."""
    net = Network([3, 4, 1], seed=1)
    net.weights[1][2][0] = float("nan")
    raises(ValueError, ["predict", "weights[1][2][0]", "nan"],
           net.predict, TUTORIAL_X)
    raises(ValueError, ["train", "weights[1][2][0]", "nan"],
           net.train, TUTORIAL_X, TUTORIAL_Y)
    assert math.isnan(net.weights[1][2][0])
    net = Network([3, 4, 1], seed=1)
    net.biases[0][3] = float("-inf")
    _unchanged(net, ValueError, ["gradients", "biases[0][3]", "-inf"],
               net.gradients, TUTORIAL_X, TUTORIAL_Y)


# --- Network: forward pass ---

def test_predict_matches_the_formulas():
    """predict equals a = f(a_prev W + b) computed with matmul and add."""
    X = [[0.5, -1.0, 2.0], [0.0, 0.25, -0.75]]
    for hidden in ("sigmoid", "tanh", "relu", "identity"):
        for output, loss in (("sigmoid", "mse"), ("tanh", "mse"),
                             ("relu", "mse"), ("identity", "mse"),
                             ("softmax", "cross_entropy")):
            for bias in (True, False):
                net = Network([3, 4, 2], seed=17, bias=bias,
                              activation=hidden, output_activation=output,
                              loss=loss)
                if bias:
                    net.biases = [[0.1, -0.2, 0.3, -0.4], [0.5, -0.6]]
                expected = _layers_by_hand(net, X)[-1][1]
                # the same sums and the same functions: exact
                assert net.predict(X) == expected, (hidden, output, bias)


def test_network_sigmoid_layer_survives_overflow():
    """A layer input below -709 takes the safe path: sigmoid(z) ~ e^z."""
    # z = -740: exp(740) overflows, so the layer falls back to
    # sigmoid(z) = exp(z) / (1 + exp(z)) = exp(z) to double precision.
    net = Network([1, 1], seed=0, bias=False)
    net.weights = [[[1.0]]]
    assert net.predict([[-740.0], [0.0]]) == [[math.exp(-740.0)], [0.5]]


# --- Network: a step worked by hand ---

# A 2-2-1 sigmoid network with biases, mse, learning rate 0.5, trained
# on the one sample x = [1, 0.5], y = [1]. The numbers below were worked
# from the formulas and are written to 12 decimals, so each check allows
# 1e-12 (values with magnitude near 1 or below).

def _hand_network():
    net = Network([2, 2, 1], learning_rate=0.5, seed=0)
    net.weights = [[[0.5, -0.5], [0.25, 0.5]], [[1.0], [-1.0]]]
    net.biases = [[0.375, 0.25], [0.5]]
    return net


HAND_X = [[1.0, 0.5]]
HAND_Y = [[1.0]]


def test_hand_network_forward_pass():
    """The 2-2-1 network's hidden and output values, worked by hand."""
    net = _hand_network()
    # z1 = x W1 + b1 = [1*0.5 + 0.5*0.25 + 0.375, 1*(-0.5) + 0.5*0.5 + 0.25]
    #    = [1.0, 0.0]
    # a1 = [1 / (1 + e^-1), 1 / (1 + e^0)] ~ [0.731058578630, 0.5]
    hidden = Network([2, 2], seed=0)
    hidden.weights, hidden.biases = net.weights[:1], net.biases[:1]
    close(hidden.predict(HAND_X), [[0.731058578630, 0.5]], abs_tol=1e-12)
    # z2 = a1 W2 + b2 = 0.731058578630*1 + 0.5*(-1) + 0.5 = 0.731058578630
    # a2 = 1 / (1 + e^-0.731058578630) = 1 / (1 + 0.481399121447)
    #    ~ 0.675037527377
    close(net.predict(HAND_X), [[0.675037527377]], abs_tol=1e-12)
    # L = (y - a2)^2 = (1 - 0.675037527377)^2 = 0.324962472623^2
    #   ~ 0.105600608613
    close(net.evaluate(HAND_X, HAND_Y), 0.105600608613, abs_tol=1e-12)
    # E = 1/2 (y - a2)^2 = 0.105600608613 / 2 ~ 0.052800304307
    close(net.objective(HAND_X, HAND_Y), 0.052800304307, abs_tol=1e-12)


def test_hand_network_gradients():
    """Every partial derivative of the 2-2-1 network, worked by hand."""
    net = _hand_network()
    dW, db = net.gradients(HAND_X, HAND_Y)
    # output layer
    # dE/da2 = a2 - y = 0.675037527377 - 1 = -0.324962472623
    # da2/dz2 = a2 (1 - a2) = 0.675037527377 * 0.324962472623
    #         ~ 0.219361864010
    # dz2 = -0.324962472623 * 0.219361864010 ~ -0.071284373728
    # dW2[i][0] = a1[i] * dz2:
    #   0.731058578630 * -0.071284373728 ~ -0.052113052936
    #   0.5 * -0.071284373728 ~ -0.035642186864
    close(dW[1], [[-0.052113052936], [-0.035642186864]], abs_tol=1e-12)
    # db2 = dz2
    close(db[1], [-0.071284373728], abs_tol=1e-12)
    # hidden layer
    # da1[i] = dz2 * W2[i][0] = [-0.071284373728 * 1,
    #                            -0.071284373728 * -1]
    #        = [-0.071284373728, 0.071284373728]
    # da1/dz1 = a1 (1 - a1) = [0.731058578630 * 0.268941421370, 0.5 * 0.5]
    #         ~ [0.196611933241, 0.25]
    # dz1 = [-0.071284373728 * 0.196611933241, 0.071284373728 * 0.25]
    #     ~ [-0.014015358529, 0.017821093432]
    # dW1[i][j] = x[i] * dz1[j]:
    #   row 0 (x = 1):   [-0.014015358529, 0.017821093432]
    #   row 1 (x = 0.5): [-0.007007679264, 0.008910546716]
    close(dW[0], [[-0.014015358529, 0.017821093432],
                  [-0.007007679264, 0.008910546716]], abs_tol=1e-12)
    # db1 = dz1
    close(db[0], [-0.014015358529, 0.017821093432], abs_tol=1e-12)
    # exact relations: x[1] = x[0] / 2, so row 1 of dW1 is row 0 halved,
    # and db equals the dW row of the input 1
    assert dW[0][1] == [0.5 * g for g in dW[0][0]]
    assert db[0] == dW[0][0]
    # nothing was updated
    assert net.weights == _hand_network().weights


def test_hand_network_one_training_step():
    """train(epochs=1) applies w <- w - 0.5 dE/dw to every weight and bias."""
    net = _hand_network()
    losses = net.train(HAND_X, HAND_Y, epochs=1)
    # the loss recorded is the one before the update
    close(losses, [0.105600608613], abs_tol=1e-12)
    # W1 - 0.5 dW1 = [[0.5 - 0.5*(-0.014015358529),
    #                  -0.5 - 0.5*0.017821093432],
    #                 [0.25 - 0.5*(-0.007007679264),
    #                  0.5 - 0.5*0.008910546716]]
    close(net.weights[0], [[0.507007679264, -0.508910546716],
                           [0.253503839632, 0.495544726642]],
          abs_tol=1e-12)
    # b1 - 0.5 db1 = [0.375 - 0.5*(-0.014015358529),
    #                 0.25 - 0.5*0.017821093432]
    close(net.biases[0], [0.382007679264, 0.241089453284], abs_tol=1e-12)
    # W2 - 0.5 dW2 = [[1 - 0.5*(-0.052113052936)],
    #                 [-1 - 0.5*(-0.035642186864)]]
    close(net.weights[1], [[1.026056526468], [-0.982178906568]],
          abs_tol=1e-12)
    # b2 - 0.5 db2 = 0.5 - 0.5*(-0.071284373728)
    close(net.biases[1], [0.535642186864], abs_tol=1e-12)
    # the step went downhill
    assert net.evaluate(HAND_X, HAND_Y) < losses[0]


def test_softmax_cross_entropy_step_by_hand():
    """A 2-1-2 softmax network: forward, backward and update by hand."""
    # identity hidden unit, softmax output, cross-entropy, rate 0.1:
    # x = [1, 2], W1 = [[0.5], [0.25]], W2 = [[1, -1]], biases 0.
    net = Network([2, 1, 2], learning_rate=0.1, activation="identity",
                  output_activation="softmax", loss="cross_entropy")
    net.weights = [[[0.5], [0.25]], [[1.0, -1.0]]]
    net.biases = [[0.0], [0.0, 0.0]]
    x, y = [[1.0, 2.0]], [[0.0, 1.0]]
    # z1 = 1*0.5 + 2*0.25 + 0 = 1, a1 = z1 = 1
    # z2 = [1*1 + 0, 1*(-1) + 0] = [1, -1]
    # a2 = [e / (e + 1/e), (1/e) / (e + 1/e)]
    #    = [1 / (1 + e^-2), 1 / (1 + e^2)] ~ [0.880797077978, 0.119202922022]
    close(net.predict(x), [[0.880797077978, 0.119202922022]],
          abs_tol=1e-12)
    # E = -(0*ln 0.8808 + 1*ln 0.119202922022) = ln(1 + e^2)
    #   ~ 2.126928011043
    close(net.objective(x, y), 2.126928011043, abs_tol=1e-12)
    # dz2 = a2 - y = [0.880797077978, 0.119202922022 - 1]
    #     = [0.880797077978, -0.880797077978]
    # dW2 = a1 * dz2 = 1 * dz2;  db2 = dz2
    # da1 = dz2 . W2[0] = 0.880797077978*1 + (-0.880797077978)*(-1)
    #     = 1.761594155956;  dz1 = da1 * 1 (identity)
    # dW1 = [[x0 * dz1], [x1 * dz1]] = [[1.761594155956], [3.523188311912]]
    dW, db = net.gradients(x, y)
    close(dW, [[[1.761594155956], [3.523188311912]],
               [[0.880797077978, -0.880797077978]]], abs_tol=1e-12)
    close(db, [[1.761594155956], [0.880797077978, -0.880797077978]],
          abs_tol=1e-12)
    losses = net.train(x, y, epochs=1)
    # the recorded loss is the mean over samples before the update: E/1
    close(losses, [2.126928011043], abs_tol=1e-12)
    # W1 - 0.1 dW1 = [[0.5 - 0.1761594155956], [0.25 - 0.3523188311912]]
    #              = [[0.3238405844044], [-0.1023188311912]]
    # W2 - 0.1 dW2 = [[1 - 0.0880797077978, -1 + 0.0880797077978]]
    #              = [[0.9119202922022, -0.9119202922022]]
    close(net.weights, [[[0.3238405844044], [-0.1023188311912]],
                        [[0.9119202922022, -0.9119202922022]]],
          abs_tol=1e-13)
    # b - 0.1 db = [[-0.1761594155956], [-0.0880797077978, 0.0880797077978]]
    close(net.biases, [[-0.1761594155956],
                       [-0.0880797077978, 0.0880797077978]], abs_tol=1e-13)


def test_update_is_minus_rate_times_gradients():
    """One sgd epoch moves each parameter by exactly -lr * gradients()."""
    net = Network([3, 4, 2], learning_rate=0.3, seed=4)
    net.biases = [[0.1, -0.1, 0.2, -0.2], [0.05, -0.05]]
    X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]
    Y = [[0.0, 1.0], [1.0, 0.0]]
    dW, db = net.gradients(X, Y)
    weights, biases = _copy(net.weights), _copy(net.biases)
    net.train(X, Y, epochs=1)
    # the same float operations as the update: w - lr * g
    assert net.weights == [[[w - 0.3 * g for w, g in zip(wr, gr)]
                            for wr, gr in zip(W, G)]
                           for W, G in zip(weights, dW)]
    assert net.biases == [[b - 0.3 * g for b, g in zip(br, gr)]
                          for br, gr in zip(biases, db)]


# --- Network: the classic worked example ---

# The 2-2-2 network of Matt Mazur's "A Step by Step Backpropagation
# Example" (2015): inputs 0.05, 0.10, targets 0.01, 0.99, weights
# w1..w8 = 0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55 (w1: i1->h1,
# w2: i2->h1, w3: i1->h2, w4: i2->h2, w5: h1->o1, w6: h2->o1, w7: h1->o2,
# w8: h2->o2), biases 0.35 and 0.60, learning rate 0.5. Each check allows
# one unit in the last digit published there.

def _classic_network():
    net = Network([2, 2, 2], learning_rate=0.5, seed=0)
    # weights[l][i][j] joins unit i below to unit j above
    net.weights = [[[0.15, 0.25], [0.20, 0.30]],
                   [[0.40, 0.50], [0.45, 0.55]]]
    net.biases = [[0.35, 0.35], [0.60, 0.60]]
    return net


CLASSIC_X = [[0.05, 0.10]]
CLASSIC_Y = [[0.01, 0.99]]


def test_classic_example_forward_pass():
    """The published forward pass and total error of the 2-2-2 example."""
    net = _classic_network()
    # net_h1 = 0.15*0.05 + 0.20*0.10 + 0.35 = 0.3775
    # out_h1 = 1 / (1 + e^-0.3775) = 0.593269992
    # net_h2 = 0.25*0.05 + 0.30*0.10 + 0.35 = 0.3925
    # out_h2 = 1 / (1 + e^-0.3925) = 0.596884378
    hidden = Network([2, 2], seed=0)
    hidden.weights, hidden.biases = net.weights[:1], net.biases[:1]
    out_h1, out_h2 = hidden.predict(CLASSIC_X)[0]
    close(out_h1, 0.593269992, abs_tol=1e-9)
    close(out_h2, 0.596884378, abs_tol=1e-9)
    # net_o1 = 0.40*0.593269992 + 0.45*0.596884378 + 0.60 = 1.105905967
    # out_o1 = 1 / (1 + e^-1.105905967) = 0.75136507
    # net_o2 = 0.50*0.593269992 + 0.55*0.596884378 + 0.60 = 1.224921404
    # out_o2 = 1 / (1 + e^-1.224921404) = 0.772928465
    out_o1, out_o2 = net.predict(CLASSIC_X)[0]
    close(out_o1, 0.75136507, abs_tol=1e-8)
    close(out_o2, 0.772928465, abs_tol=1e-9)
    # E_total = 1/2 (0.01 - 0.75136507)^2 + 1/2 (0.99 - 0.772928465)^2
    #         = 0.274811083 + 0.023560026 = 0.298371109
    close(net.objective(CLASSIC_X, CLASSIC_Y), 0.298371109, abs_tol=1e-9)
    # with two outputs, the mean of the squares equals E_total:
    # (2 E_total) / 2, and both halvings are exact in binary
    assert (net.evaluate(CLASSIC_X, CLASSIC_Y)
            == net.objective(CLASSIC_X, CLASSIC_Y))


def test_classic_example_backward_pass_and_update():
    """The published dE/dw5 and the updated w1..w8 of the 2-2-2 example."""
    net = _classic_network()
    dW, db = net.gradients(CLASSIC_X, CLASSIC_Y)
    # dE/dw5 = (out_o1 - t1) * out_o1 (1 - out_o1) * out_h1
    #        = 0.74136507 * 0.186815602 * 0.593269992 = 0.082167041
    close(dW[1][0][0], 0.082167041, abs_tol=1e-9)
    net.train(CLASSIC_X, CLASSIC_Y, epochs=1)
    # w5+ = 0.40 - 0.5 * 0.082167041 = 0.35891648; likewise
    # w6+ = 0.408666186, w7+ = 0.511301270, w8+ = 0.561370121
    (w5, w7), (w6, w8) = net.weights[1]
    close(w5, 0.35891648, abs_tol=1e-8)
    close(w6, 0.408666186, abs_tol=1e-9)
    close(w7, 0.511301270, abs_tol=1e-9)
    close(w8, 0.561370121, abs_tol=1e-9)
    # dE/dout_h1 = delta_o1 w5 + delta_o2 w7
    #            = 0.138498562*0.40 + (-0.038098237)*0.50 = 0.036350306
    # (the published text truncates delta_o2 to -0.038098236)
    # dE/dw1 = 0.036350306 * out_h1 (1 - out_h1) * i1
    #        = 0.036350306 * 0.241300709 * 0.05 = 0.000438568
    # w1+ = 0.15 - 0.5 * 0.000438568 = 0.149780716; likewise
    # w2+ = 0.19956143, w3+ = 0.24975114, w4+ = 0.29950229
    (w1, w3), (w2, w4) = net.weights[0]
    close(w1, 0.149780716, abs_tol=1e-9)
    close(w2, 0.19956143, abs_tol=1e-8)
    close(w3, 0.24975114, abs_tol=1e-8)
    close(w4, 0.29950229, abs_tol=1e-8)
    # The example keeps its biases fixed; here they learn too, worked to
    # 12 decimals from the same deltas:
    # b_h = 0.35 - 0.5 * [0.008771354689, 0.009954254705]
    # b_o = 0.60 - 0.5 * [0.138498561629, -0.038098236517]
    close(net.biases[0], [0.345614322655, 0.345022872647], abs_tol=1e-12)
    close(net.biases[1], [0.530750719186, 0.619049118258], abs_tol=1e-12)


# --- Network: loss ---

def test_evaluate_and_objective_relations():
    """evaluate is the mean loss; objective is E, a sum over the batch."""
    X = [[0.1, 0.2], [0.3, -0.4]]
    for output, loss, Y in (
            ("sigmoid", "mse", [[0.0, 1.0], [0.5, 0.25]]),
            ("sigmoid", "binary_cross_entropy", [[0.0, 1.0], [0.5, 0.25]]),
            ("softmax", "cross_entropy", [[0.0, 1.0], [1.0, 0.0]])):
        net = Network([2, 3, 2], seed=6, output_activation=output,
                      loss=loss)
        net.biases = [[0.1, 0.2, -0.3], [0.0, 0.4]]
        mean = net.evaluate(X, Y)
        total = net.objective(X, Y)
        function = {"mse": mse, "binary_cross_entropy": binary_cross_entropy,
                    "cross_entropy": cross_entropy}[loss]
        assert mean == function(Y, net.predict(X)), loss
        # mse: E = 1/2 sum = 1/2 (4 * mean) over 2 rows x 2 outputs;
        # bce: E = sum = 4 * mean; cross_entropy: E = sum = 2 * mean
        # over the 2 rows. Products by powers of two are exact.
        factor = {"mse": 2.0, "binary_cross_entropy": 4.0,
                  "cross_entropy": 2.0}[loss]
        assert total == factor * mean, (loss, total, mean)


# --- Network: backward pass ---

def test_batch_gradient_is_the_sum_over_samples():
    """E is summed over samples, so its gradient is too."""
    net = Network([3, 2, 2], seed=21, activation="tanh")
    net.biases = [[0.2, -0.1], [0.3, 0.0]]
    X = [[0.1, -0.2, 0.3], [0.7, 0.1, -0.5]]
    Y = [[0.0, 1.0], [1.0, 0.5]]
    dW, db = net.gradients(X, Y)
    dW0, db0 = net.gradients(X[:1], Y[:1])
    dW1, db1 = net.gradients(X[1:], Y[1:])
    # a sum of two products, rounded once or twice: a few 1e-17 apart
    # for gradients below 1, so allow 1e-15
    for k in range(2):
        close(dW[k], [[p + q for p, q in zip(r, s)]
                      for r, s in zip(dW0[k], dW1[k])], abs_tol=1e-15)
        close(db[k], [p + q for p, q in zip(db0[k], db1[k])],
              abs_tol=1e-15)
    no_bias = Network([3, 2, 2], seed=21, bias=False)
    assert no_bias.gradients(X, Y)[1] == []


# --- Network: training ---

def test_train_records_the_loss_before_each_update():
    """losses[e] is the mean loss before epoch e's update."""
    net = Network([3, 4, 1], seed=42, bias=False)
    before = net.evaluate(TUTORIAL_X, TUTORIAL_Y)
    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=1)
    assert losses == [before]
    after_one = net.evaluate(TUTORIAL_X, TUTORIAL_Y)
    assert net.train(TUTORIAL_X, TUTORIAL_Y, epochs=1) == [after_one]
    fresh = Network([3, 4, 1], seed=42, bias=False)
    assert fresh.train(TUTORIAL_X, TUTORIAL_Y, epochs=2) == [before,
                                                             after_one]


def test_tutorial_first_loss_by_hand():
    """The seeded tutorial network's loss before training, by hand."""
    # With the weights of test_network_starts_from_the_tutorial_weights,
    # z = x W1 (no biases), a = sigmoid(z), out = sigmoid(a W2):
    # x = [0.1, 0.2, 0.3]:
    #   z  = [0.248992243496, 0.338692108047, 0.090991464904,
    #         0.524074033223]
    #   a  = [0.561928442141, 0.583872785402, 0.522732184231,
    #         0.628099917004]
    #   a W2 = 0.801994343991, out = 0.690400928934
    #   (0.2 - 0.690400928934)^2 = 0.240493071099
    # x = [0.4, 0.5, 0.6]:
    #   z  = [0.588494374806, 0.883126529410, 0.334190079386,
    #         1.254497377863]
    #   a  = [0.643019610841, 0.707469695595, 0.582778537068,
    #         0.778077407805]
    #   a W2 = 0.934167022928, out = 0.717919918864
    #   (0.5 - 0.717919918864)^2 = 0.047489091038
    # x = [0.7, 0.8, 0.9]:
    #   z  = [0.927996506116, 1.427560950772, 0.577388693869,
    #         1.984920722504]
    #   a  = [0.716668643302, 0.806520999151, 0.640466323749,
    #         0.879204737290]
    #   a W2 = 1.045544371929, out = 0.739918378834
    #   (0.8 - 0.739918378834)^2 = 0.003609801202
    # L = (0.240493071099 + 0.047489091038 + 0.003609801202) / 3
    #   = 0.291591963339 / 3 ~ 0.097197321113
    # (NumPy prints "Epoch 0, Loss: 0.09719732111297691".)
    net = Network([3, 4, 1], seed=42, bias=False)
    close(net.predict(TUTORIAL_X),
          [[0.690400928934], [0.717919918864], [0.739918378834]],
          abs_tol=1e-12)
    close(net.evaluate(TUTORIAL_X, TUTORIAL_Y), 0.097197321113,
          abs_tol=1e-12)


def test_tutorial_loss_at_epoch_1000_matches_numpy():
    """Training the tutorial network follows NumPy's loss curve."""
    net = Network([3, 4, 1], seed=42, bias=False)
    seen = []

    def show(epoch, loss):
        seen.append((epoch, loss))

    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=1001, every=1000,
                       callback=show)
    assert len(losses) == 1001
    assert [epoch for epoch, loss in seen] == [0, 1000]
    assert [loss for epoch, loss in seen] == [losses[0], losses[1000]]
    # NumPy 2.4.6 (benchmarks/numpy_tutorial.py) prints
    # "Epoch 0, Loss: 0.09719732111297691": one forward pass summed in
    # another order, so allow a few units in the 16th digit, 1e-14 rel;
    close(losses[0], 0.09719732111297691, rel_tol=1e-14)
    # and "Epoch 1000, Loss: 0.05481438124812843": a thousand updates
    # let rounding differences grow, so 1e-9 rel.
    close(losses[1000], 0.05481438124812843, rel_tol=1e-9)
    assert all(later < earlier
               for earlier, later in zip(losses, losses[1:]))


def test_loss_falls_below_half():
    """Gradient descent at least halves the tutorial loss."""
    net = Network([3, 4, 1], seed=42, bias=False)
    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=300,
                       learning_rate=2.0)
    assert losses[-1] < 0.5 * losses[0], (losses[0], losses[-1])
    assert net.evaluate(TUTORIAL_X, TUTORIAL_Y) < losses[-1]
    # the rate given to train is used once, not stored
    assert net.learning_rate == 0.1


def test_epochs_zero_trains_nothing():
    """epochs=0 returns no losses and keeps the weights."""
    net = Network([3, 4, 1], seed=42)
    weights = _copy(net.weights)
    assert net.train(TUTORIAL_X, TUTORIAL_Y, epochs=0) == []
    assert net.weights == weights


def test_callback_every_and_the_weights_it_sees():
    """callback(epoch, loss) runs on epochs divisible by every, updated."""
    net = Network([3, 4, 1], seed=42)
    calls = []

    def record(epoch, loss):
        calls.append((epoch, loss, net.evaluate(TUTORIAL_X, TUTORIAL_Y)))

    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=7, every=3,
                       callback=record)
    assert len(losses) == 7
    assert [c[0] for c in calls] == [0, 3, 6]
    assert [c[1] for c in calls] == [losses[0], losses[3], losses[6]]
    # inside the callback the weights already have that epoch's update,
    # so the loss seen there is the next epoch's recorded loss
    assert calls[0][2] == losses[1] and calls[1][2] == losses[4]
    assert calls[2][2] == net.evaluate(TUTORIAL_X, TUTORIAL_Y)
    calls = []
    net.train(TUTORIAL_X, TUTORIAL_Y, epochs=3, callback=record)
    assert [c[0] for c in calls] == [0, 1, 2]


def test_callback_returning_true_stops():
    """A callback that returns True ends training after that epoch."""
    net = Network([3, 4, 1], seed=42)
    seen = []

    def stop_at_two(epoch, loss):
        seen.append(net.evaluate(TUTORIAL_X, TUTORIAL_Y))
        return epoch == 2

    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=50,
                       callback=stop_at_two)
    assert len(losses) == 3
    # the network keeps the weights of that last epoch
    assert net.evaluate(TUTORIAL_X, TUTORIAL_Y) == seen[-1]
    twin = Network([3, 4, 1], seed=42)
    twin.train(TUTORIAL_X, TUTORIAL_Y, epochs=3)
    assert twin.weights == net.weights


def test_patience_stops_when_the_loss_stalls():
    """Training stops after patience epochs without a new best loss."""
    # w = 0.5, x = 1, y = 0.5: the loss is 0 and the gradient 0, so the
    # loss never falls again; epoch 0 sets the best, epochs 1, 2, 3 wait.
    net = Network([1, 1], seed=0, bias=False, output_activation="identity")
    net.weights = [[[0.5]]]
    losses = net.train([[1.0]], [[0.5]], epochs=100, patience=3)
    assert losses == [0.0, 0.0, 0.0, 0.0]
    # the tutorial loss falls, but never by min_delta = 1
    net = Network([3, 4, 1], seed=42)
    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=100, patience=2,
                       min_delta=1.0)
    assert len(losses) == 3
    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=20, patience=2)
    assert len(losses) == 20


def test_mini_batches_repeat_with_the_seed():
    """Mini-batch runs with the same seed give identical results."""
    X = [[0.1, 0.9], [0.4, 0.2], [0.8, 0.5], [0.3, 0.3], [0.6, 0.7]]
    Y = [[1.0], [0.0], [1.0], [0.0], [1.0]]
    runs = []
    for k in range(2):
        net = Network([2, 3, 1], seed=3, learning_rate=0.5)
        losses = net.train(X, Y, epochs=4, batch_size=2)
        runs.append((losses, net.weights, net.biases))
    assert runs[0] == runs[1]
    full = Network([2, 3, 1], seed=3, learning_rate=0.5)
    assert full.train(X, Y, epochs=4) != runs[0][0]
    other = Network([2, 3, 1], seed=3, learning_rate=0.5)
    other.rng = MersenneTwister(4)
    assert other.train(X, Y, epochs=4, batch_size=2) != runs[0][0]


def test_batch_size_of_all_rows_is_full_batch():
    """batch_size >= the number of rows trains exactly as full batch."""
    results = []
    for batch_size in (None, 3, 100):
        net = Network([3, 4, 1], seed=42)
        losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=5,
                           batch_size=batch_size)
        results.append((losses, net.weights, net.biases))
    assert results[0] == results[1] == results[2]


def test_each_mini_batch_epoch_sees_every_row_once():
    """A mini-batch epoch's loss is the mean over all rows."""
    # At learning rate 1e-300 each step w - 1e-300 g rounds back to w
    # (no biases, which start at 0), so every batch is scored by the
    # starting weights and the epoch's loss is the full mean, summed in
    # another order: allow 1e-15 rel.
    X = [[0.1, 0.9], [0.4, 0.2], [0.8, 0.5], [0.3, 0.3], [0.6, 0.7]]
    Y = [[1.0], [0.0], [1.0], [0.0], [1.0]]
    net = Network([2, 3, 1], seed=3, bias=False)
    start = net.evaluate(X, Y)
    for batch_size in (1, 2, 4):
        losses = net.train(X, Y, epochs=2, batch_size=batch_size,
                           learning_rate=1e-300)
        close(losses, [start, start], rel_tol=1e-15)


def test_divergence_raises_and_restores_the_network():
    """A loss that becomes infinite stops training; nothing is kept."""
    # identity output, w = 0.5, x = 1, y = 1e6, rate 1e6: each step
    # w <- w - 1e6 (w - 1e6) multiplies |w| by about 1e6, so the squared
    # error passes the largest double within about 30 epochs.
    net = Network([1, 1], seed=0, bias=False, output_activation="identity")
    net.weights = [[[0.5]]]
    seen = []
    _unchanged(net, ValueError, ["train", "diverged", "epoch",
                                 "learning_rate"],
               net.train, [[1.0]], [[1e6]], epochs=100, learning_rate=1e6,
               callback=lambda epoch, loss: seen.append(epoch))
    assert net.weights == [[[0.5]]]
    # the callback saw updated weights along the way, yet none stayed
    assert len(seen) > 5


def test_failed_train_rewinds_the_generator():
    """After a failed call, training shuffles as if it never ran."""
    X = [[0.1, 0.9], [0.4, 0.2], [0.8, 0.5], [0.3, 0.3]]
    Y = [[1.0], [0.0], [1.0], [0.0]]

    def stop_at_two(epoch, loss):
        if epoch == 2:
            raise RuntimeError("stop")

    net = Network([2, 3, 1], seed=3)
    twin = Network([2, 3, 1], seed=3)
    raises(RuntimeError, ["stop"], net.train, X, Y, epochs=5,
           batch_size=2, callback=stop_at_two)
    assert net.weights == twin.weights and net.biases == twin.biases
    assert (net.train(X, Y, epochs=3, batch_size=2)
            == twin.train(X, Y, epochs=3, batch_size=2))


def test_early_stop_with_a_huge_epoch_count():
    """patience stops a run of a million epochs after a few of them."""
    # The loss list grows in blocks, so a large epochs value with early
    # stopping costs no memory up front (MicroPython's heap is small).
    net = Network([1, 1], seed=0, bias=False, output_activation="identity")
    net.weights = [[[1.0]]]
    # x = 1, y = 1, w = 1: the loss is 0 from the start and never falls
    # below it, so patience=2 stops after epochs 0, 1 and 2.
    losses = net.train([[1.0]], [[1.0]], epochs=10 ** 6, patience=2)
    assert losses == [0.0, 0.0, 0.0]


def test_overflowing_weights_raise_even_when_the_loss_is_finite():
    """A weight that becomes infinite is caught after the last epoch."""
    # x = 1e10, y = 1, w = 0: a = 0.5, dz = (0.5 - 1) * 0.25 = -0.125,
    # dW = 1e10 * -0.125 = -1.25e9, and w - 1e300 * dW overflows to +inf.
    # Then a = sigmoid(inf) = 1 and the loss is 0, a finite number.
    net = Network([1, 1], seed=0, bias=False)
    net.weights = [[[0.0]]]
    message = _unchanged(net, ValueError, ["train", "weight", "diverged",
                                           "learning_rate"],
                         net.train, [[1e10]], [[1.0]], epochs=3,
                         learning_rate=1e300)
    assert "became inf" in message, message


def test_mini_batch_losses_are_measured_before_each_update():
    """With batch_size=1 each row's loss is taken before its own step."""
    # identity output, w = 1, two rows x = 1, y = 0, rate 0.25:
    # batch 1: loss (1*1 - 0)^2 = 1, g = (w x - y) x = 1, w = 0.75
    # batch 2: loss 0.75^2 = 0.5625, g = 0.75, w = 0.75 - 0.1875 = 0.5625
    # epoch loss (1 + 0.5625) / 2 = 0.78125, all exact in binary
    net = _one_weight()
    losses = net.train([[1.0], [1.0]], [[0.0], [0.0]], epochs=1,
                       batch_size=1, learning_rate=0.25)
    assert losses == [0.78125]
    assert net.weights == [[[0.5625]]]


def test_mini_batches_are_reshuffled_every_epoch():
    """Each epoch draws a new order from .rng: replayed here by hand."""
    X = [[0.1, 0.9], [0.4, 0.2], [0.8, 0.5], [0.3, 0.3], [0.6, 0.7]]
    Y = [[1.0], [0.0], [1.0], [0.0], [1.0]]
    net = Network([2, 3, 1], seed=3, learning_rate=0.5)
    twin = Network([2, 3, 1], seed=3, learning_rate=0.5)
    net.train(X, Y, epochs=3, batch_size=2)
    order = list(range(5))
    for epoch in range(3):
        twin.rng.shuffle(order)
        for start in range(0, 5, 2):
            rows = order[start:start + 2]
            dW, db = twin.gradients([X[i] for i in rows],
                                    [Y[i] for i in rows])
            twin.weights = [[[w - 0.5 * g for w, g in zip(wr, gr)]
                             for wr, gr in zip(W, G)]
                            for W, G in zip(twin.weights, dW)]
            twin.biases = [[b - 0.5 * g for b, g in zip(br, gr)]
                           for br, gr in zip(twin.biases, db)]
    assert net.weights == twin.weights and net.biases == twin.biases


# --- Optimisers ---

# One weight, no bias, identity output and mse: a = w x and
# E = 1/2 (w x - y)^2, so g = dE/dw = (w x - y) x. With x = 1, y = 0 and
# w = 1 to start, E = w^2 / 2, g = w and the reported loss is w^2.

def _one_weight(w=1.0, bias=False):
    net = Network([1, 1], seed=0, bias=bias, output_activation="identity")
    net.weights = [[[w]]]
    return net


def test_sgd_by_hand():
    """sgd: w <- w - lr g, two steps."""
    net = _one_weight()
    # epoch 0: loss 1^2 = 1; g = 1; w = 1 - 0.25*1 = 0.75
    # epoch 1: loss 0.75^2 = 0.5625; g = 0.75; w = 0.75 - 0.25*0.75 = 0.5625
    losses = net.train([[1.0]], [[0.0]], epochs=2, learning_rate=0.25)
    assert losses == [1.0, 0.5625]
    assert net.weights == [[[0.5625]]]
    # with a bias, z = w + b and both get g = z:
    # epoch 0: z = 1; w = 1 - 0.25 = 0.75, b = 0 - 0.25 = -0.25
    # epoch 1: z = 0.5, loss 0.25; w = 0.75 - 0.125, b = -0.25 - 0.125
    net = _one_weight(bias=True)
    losses = net.train([[1.0]], [[0.0]], epochs=2, learning_rate=0.25)
    assert losses == [1.0, 0.25]
    assert net.weights == [[[0.625]]] and net.biases == [[-0.375]]


def test_momentum_by_hand():
    """momentum: v <- m v - lr g; w <- w + v, three steps."""
    net = _one_weight()
    # m = 0.5, lr = 0.25
    # epoch 0: g = 1;      v = 0.5*0 - 0.25*1 = -0.25;   w = 0.75
    # epoch 1: g = 0.75;   v = 0.5*(-0.25) - 0.25*0.75
    #                        = -0.125 - 0.1875 = -0.3125; w = 0.4375
    # epoch 2: g = 0.4375; v = 0.5*(-0.3125) - 0.25*0.4375
    #                        = -0.15625 - 0.109375 = -0.265625;
    #          w = 0.4375 - 0.265625 = 0.171875
    losses = net.train([[1.0]], [[0.0]], epochs=3, optimizer="momentum",
                       learning_rate=0.25, momentum=0.5)
    # losses: 1^2, 0.75^2, 0.4375^2
    assert losses == [1.0, 0.5625, 0.19140625]
    assert net.weights == [[[0.171875]]]
    # the default m = 0.9: v = -0.25, w = 0.75; then
    # v = 0.9*(-0.25) - 0.25*0.75 = -0.225 - 0.1875 = -0.4125,
    # w = 0.75 - 0.4125 ~ 0.337500000000000 (0.9 is not exact in binary)
    net = _one_weight()
    net.train([[1.0]], [[0.0]], epochs=2, optimizer="momentum",
              learning_rate=0.25)
    close(net.weights[0][0][0], 0.337500000000000, abs_tol=1e-15)


def test_adam_by_hand():
    """adam: bias-corrected moments; the first step is about lr."""
    net = _one_weight()
    # beta1 = 0.9, beta2 = 0.999, eps = 1e-8, lr = 0.25
    # t = 1: g = 1; m = 0.1*1 = 0.1; s = 0.001*1^2 = 0.001
    #   m_hat = 0.1 / (1 - 0.9) = 1; s_hat = 0.001 / (1 - 0.999) = 1
    #   w = 1 - 0.25 * 1 / (sqrt(1) + 1e-8) = 1 - 0.25 / 1.00000001
    #     ~ 0.750000002500
    # t = 2: g = 0.7500000025 (loss g^2 ~ 0.562500003750)
    #   m = 0.9*0.1 + 0.1*0.7500000025 = 0.16500000025
    #   s = 0.999*0.001 + 0.001*0.7500000025^2 = 0.000999 + 0.00056250000375
    #     = 0.00156150000375
    #   m_hat = 0.16500000025 / (1 - 0.9^2) = 0.16500000025 / 0.19
    #         ~ 0.868421053947
    #   s_hat = 0.00156150000375 / (1 - 0.999^2) = 0.00156150000375
    #         / 0.001999 ~ 0.781140572161; sqrt(s_hat) ~ 0.883821572582
    #   w = 0.7500000025 - 0.25 * 0.868421053947 / (0.883821572582 + 1e-8)
    #     ~ 0.504356234838
    losses = net.train([[1.0]], [[0.0]], epochs=2, optimizer="adam",
                       learning_rate=0.25)
    assert losses[0] == 1.0
    close(losses[1], 0.562500003750, abs_tol=1e-12)
    close(net.weights[0][0][0], 0.504356234838, abs_tol=1e-12)
    # The first step is lr * g / (|g| + eps) whatever the scale of g:
    # x = 2, y = 0, w = 1 gives g = 2*2 = 4, and
    # w = 1 - 0.25 * 4 / (4 + 1e-8) ~ 0.750000000625
    net = _one_weight()
    net.train([[2.0]], [[0.0]], epochs=1, optimizer="adam",
              learning_rate=0.25)
    close(net.weights[0][0][0], 0.750000000625, abs_tol=1e-12)
    # a bias with the same gradient as the weight takes the same step:
    # w = b = 0.5, x = 1, y = 0 give z = 1 and both gradients 1, so
    # each becomes 0.5 - 0.25 / 1.00000001 ~ 0.250000002500
    net = _one_weight(bias=True)
    net.weights = [[[0.5]]]
    net.biases = [[0.5]]
    net.train([[1.0]], [[0.0]], epochs=1, optimizer="adam",
              learning_rate=0.25)
    close(net.weights[0][0][0], 0.250000002500, abs_tol=1e-12)
    close(net.biases[0][0], 0.250000002500, abs_tol=1e-12)


def test_optimiser_state_restarts_every_call():
    """Momentum's velocity starts at zero again in each call of train."""
    net = _one_weight()
    net.train([[1.0]], [[0.0]], epochs=1, optimizer="momentum",
              learning_rate=0.25, momentum=0.5)
    net.train([[1.0]], [[0.0]], epochs=1, optimizer="momentum",
              learning_rate=0.25, momentum=0.5)
    # call 1: v = -0.25, w = 0.75; call 2 starts from v = 0:
    # v = -0.25*0.75 = -0.1875, w = 0.5625 (not 0.4375 as in one call)
    assert net.weights == [[[0.5625]]]
    # sgd keeps no state: two calls of one epoch equal one call of two
    split, whole = Network([3, 4, 1], seed=42), Network([3, 4, 1], seed=42)
    split.train(TUTORIAL_X, TUTORIAL_Y, epochs=1)
    split.train(TUTORIAL_X, TUTORIAL_Y, epochs=1)
    whole.train(TUTORIAL_X, TUTORIAL_Y, epochs=2)
    assert split.weights == whole.weights and split.biases == whole.biases


# --- Gradient check ---

# gradient_check returns the largest |analytic - numeric| / max(|analytic|,
# |numeric|, 1e-4) over all weights and biases, with central differences
# at h = 1e-5. The truncation error of a central difference is about
# h^2 |E'''| / 6 ~ 1e-11 and its rounding error about 1e-16 |E| / h
# ~ 1e-11 |E|; divided by at least 1e-4 that is below ~1e-6 for the
# small E here. A real bug (a missing factor, a wrong index or sign)
# gives differences of order 1, and even a 1% error gives 1e-2, as the
# test after these shows. So 1e-5 separates the two with room on both
# sides.
GRADIENT_TOLERANCE = 1e-5

# relu has a kink at z = 0, where a finite difference is one-sided and
# disagrees with the derivative taken there; the cases below keep every
# relu pre-activation at least 1e-3 from 0 (checked), far beyond the
# h |a_prev| ~ 1e-5 that a perturbation moves it.


def _random_case(seed, sizes, hidden, output, loss, bias, rows):
    """Return a network with random biases and random data for it."""
    rng = MersenneTwister(seed)
    net = Network(sizes, seed=seed, bias=bias, activation=hidden,
                  output_activation=output, loss=loss)
    if bias:
        net.biases = [[rng.uniform(-0.5, 0.5) for j in range(n)]
                      for n in sizes[1:]]
    X = [[rng.uniform(-1.0, 1.0) for i in range(sizes[0])]
         for r in range(rows)]
    n_out = sizes[-1]
    if loss == "cross_entropy":
        Y = []
        for r in range(rows):
            row = [0.0] * n_out
            row[rng.randbelow(n_out)] = 1.0
            Y.append(row)
    else:
        low = -1.0 if output in ("tanh", "identity") else 0.0
        Y = [[rng.uniform(low, 1.0) for j in range(n_out)]
             for r in range(rows)]
    return net, X, Y


def _kink_margin(net, X):
    """Return the smallest |z| of the layers that use relu (inf if none)."""
    smallest = float("inf")
    layers = _layers_by_hand(net, X)
    for k, (z, a) in enumerate(layers):
        last = k == len(layers) - 1
        if (net.output_activation if last else net.activation) == "relu":
            for row in z:
                for v in row:
                    smallest = min(smallest, abs(v))
    return smallest


def _check_all_depths(output, loss, n_out):
    """Gradient-check every hidden activation, 1-3 hidden layers, with
    and without biases, over batches of 1, 2, 3 and 5 rows."""
    hidden_sizes = ([3], [3, 2], [2, 3, 2])
    batches = (1, 2, 3, 5)
    case = 0
    for hidden in ("sigmoid", "tanh", "relu", "identity"):
        for layers in hidden_sizes:
            for bias in (True, False):
                sizes = [2] + layers + [n_out]
                rows = batches[case % len(batches)]
                # A draw is replaced by the next seed's if it puts a relu
                # input within 1e-3 of its kink, or if relu units switched
                # off for all rows leave no weight gradient above the
                # 1e-4 floor, which would make the check vacuous.
                for seed in range(100 * case, 100 * case + 20):
                    net, X, Y = _random_case(seed, sizes, hidden, output,
                                             loss, bias, rows)
                    margin = _kink_margin(net, X)
                    dW, db = net.gradients(X, Y)
                    largest = max(abs(g) for W in dW for row in W
                                  for g in row)
                    if margin > 1e-3 and largest > 1e-4:
                        break
                label = (hidden, output, loss, sizes, bias, rows, seed)
                assert margin > 1e-3 and largest > 1e-4, label
                worst = gradient_check(net, X, Y)
                assert worst < GRADIENT_TOLERANCE, (label, worst)
                case += 1
    assert case == 24


def test_gradient_check_sigmoid_output_mse():
    """Backprop gradients agree with finite differences: sigmoid, mse."""
    _check_all_depths("sigmoid", "mse", 2)


def test_gradient_check_tanh_output_mse():
    """Backprop gradients agree with finite differences: tanh, mse."""
    _check_all_depths("tanh", "mse", 2)


def test_gradient_check_relu_output_mse():
    """Backprop gradients agree with finite differences: relu, mse."""
    _check_all_depths("relu", "mse", 2)


def test_gradient_check_identity_output_mse():
    """Backprop gradients agree with finite differences: identity, mse."""
    _check_all_depths("identity", "mse", 2)


def test_gradient_check_sigmoid_binary_cross_entropy():
    """Backprop gradients agree with finite differences: sigmoid, bce."""
    _check_all_depths("sigmoid", "binary_cross_entropy", 2)


def test_gradient_check_softmax_cross_entropy():
    """Backprop gradients agree with finite differences: softmax, ce."""
    _check_all_depths("softmax", "cross_entropy", 3)
    # dE/dz = a - y holds for any targets that sum to 1, soft ones too
    net, X, Y = _random_case(77, [2, 3, 3], "tanh", "softmax",
                             "cross_entropy", True, 4)
    Y = [[0.25, 0.25, 0.5], [0.0, 0.75, 0.25], [0.5, 0.5, 0.0],
         [0.125, 0.375, 0.5]]
    assert gradient_check(net, X, Y) < GRADIENT_TOLERANCE


class _OffByOnePercent(Network):
    """A network whose backward pass scales one gradient by 1.01."""

    def __init__(self, *args, **kwargs):
        self.target = kwargs.pop("target")
        Network.__init__(self, *args, **kwargs)

    def _backward(self, params, acts, Y):
        grads = Network._backward(self, params, acts, Y)
        layer, row, column = self.target
        dWt, db = grads[layer]
        if row is None:
            db[column] *= 1.01
        else:
            dWt[row][column] *= 1.01
        return grads


def test_gradient_check_detects_a_wrong_gradient():
    """A gradient 1% off gives a relative difference near 1e-2."""
    X = [[0.3, -0.6], [0.9, 0.2]]
    Y = [[0.1], [0.8]]
    good = Network([2, 3, 1], seed=31)
    good.biases = [[0.1, -0.2, 0.3], [-0.1]]
    assert gradient_check(good, X, Y) < GRADIENT_TOLERANCE
    # Wt[row][column] is the weight from unit column into unit row
    for target in ((0, 1, 0), (1, 0, 2), (0, None, 2), (1, None, 0)):
        bad = _OffByOnePercent([2, 3, 1], seed=31, target=target)
        bad.biases = _copy(good.biases)
        assert bad.weights == good.weights
        # |1.01 g - g| / (1.01 |g|) = 0.01 / 1.01 ~ 0.0099
        worst = gradient_check(bad, X, Y)
        assert worst > 1e-3, (target, worst)
        close(worst, 0.0099, abs_tol=1e-4)


def test_gradient_check_leaves_the_network_alone():
    """gradient_check leaves the weights and biases as they were."""
    net, X, Y = _random_case(8, [2, 3, 2], "tanh", "sigmoid", "mse", True, 3)
    weights, biases = _copy(net.weights), _copy(net.biases)
    before = net.evaluate(X, Y)
    gradient_check(net, X, Y)
    assert net.weights == weights and net.biases == biases
    assert net.evaluate(X, Y) == before
    raises(ValueError, ["gradient_check", "h", "positive"],
           gradient_check, net, X, Y, 0.0)


# --- Saving ---

def _write_text(path, text):
    with open(path, "w") as f:
        f.write(text)


def _read_text(path):
    with open(path) as f:
        return f.read()


def _exists(path):
    """Return True if a file can be opened at path (no os.path needed)."""
    try:
        with open(path):
            return True
    except OSError:
        return False


def _saved_net():
    """Return a trained 2-3-2 softmax network with every metadata field.

    Full-batch training for a few epochs gives weights with many
    digits, so a lossy round trip would show.
    """
    X = [[0.0, 1.0], [1.0, 0.5], [0.25, 0.75], [2.0, -1.0]]
    Y = [[1.0, 0.0], [0.0, 1.0], [1.0, 0.0], [0.0, 1.0]]
    net = Network([2, 3, 2], learning_rate=0.3, seed=7, activation="tanh",
                  output_activation="softmax", loss="cross_entropy")
    net.scaler = Standardizer().fit(X)
    net.train(net.scaler.transform(X), Y, epochs=5)
    net.classes = ["no", "yes"]
    net.feature_names = ["height", "weight"]
    net.target_name = "answer"
    net.target_column = 2
    return net, X, Y


def _same_network(a, b):
    """Assert that networks a and b agree in every saved attribute."""
    for name in ("sizes", "learning_rate", "bias", "activation",
                 "output_activation", "loss", "init", "seed", "weights",
                 "biases", "classes", "feature_names", "target_name",
                 "target_column"):
        assert getattr(a, name) == getattr(b, name), (
            "%s: %r != %r" % (name, getattr(a, name), getattr(b, name)))
    for name in ("scaler", "target_scaler"):
        s, t = getattr(a, name), getattr(b, name)
        assert (s is None) == (t is None), name
        if s is not None:
            assert (s.mean, s.std) == (t.mean, t.std), name


def _load_error(name, text, words):
    """Write text to a scratch file; assert load raises ValueError whose
    message names the file and holds words; return the message."""
    path = temp_path(name)
    try:
        _write_text(path, text)
        return raises(ValueError, [path] + list(words), Network.load, path)
    finally:
        remove(path)


def _dict_error(name, change, words):
    """Apply change(d) to a good saved dict and check load's error."""
    d = _saved_net()[0].to_dict()
    change(d)
    return _load_error(name, json.dumps(d), words)


def test_save_and_load_round_trip_is_exact():
    """A saved and loaded network predicts bit for bit the same."""
    net, X, Y = _saved_net()
    path = temp_path("round_trip.json")
    try:
        net.save(path)
        loaded = Network.load(path)
        _same_network(net, loaded)
        # JSON keeps every float's shortest repr, which reads back to
        # the same double, so equality is exact.
        assert loaded.predict(X) == net.predict(X)
    finally:
        remove(path)


def test_save_and_load_keeps_regression_scalers():
    """The target scaler of a regression model survives a round trip."""
    net = Network([1, 2, 1], seed=3, activation="identity",
                  output_activation="identity")
    net.scaler = Standardizer().fit([[1.0], [2.0], [4.0]])
    net.target_scaler = Standardizer().fit([[10.0], [30.0], [35.0]])
    path = temp_path("regression.json")
    try:
        net.save(path)
        loaded = Network.load(path)
        _same_network(net, loaded)
        assert loaded.classes is None and loaded.feature_names is None
    finally:
        remove(path)


def test_loaded_network_continues_training_identically():
    """A loaded network trains on exactly as the original does."""
    net, X, Y = _saved_net()
    path = temp_path("continue.json")
    try:
        net.save(path)
        loaded = Network.load(path)
    finally:
        remove(path)
    X = net.scaler.transform(X)
    for optimizer in ("sgd", "adam"):
        assert (loaded.train(X, Y, epochs=4, optimizer=optimizer)
                == net.train(X, Y, epochs=4, optimizer=optimizer))
        assert loaded.weights == net.weights
        assert loaded.biases == net.biases


def test_loaded_network_restarts_its_shuffles_from_the_seed():
    """A loaded network shuffles mini-batches from the saved seed.

    The generator's state is not saved (the README says so), so a
    loaded network shuffles as a fresh one with the same seed and
    weights does: repeatably, and with the loss still falling.
    """
    net, X, Y = _saved_net()
    X = net.scaler.transform(X)
    net.train(X, Y, epochs=3, batch_size=2)
    text = json.dumps(net.to_dict())
    first = Network.from_dict(json.loads(text))
    second = Network.from_dict(json.loads(text))
    mine = first.train(X, Y, epochs=3, batch_size=2)
    again = second.train(X, Y, epochs=3, batch_size=2)
    assert mine == again, (mine, again)
    # The same as a network newly built with that seed and given the
    # saved weights.
    fresh = Network(net.sizes, net.learning_rate, seed=net.seed,
                    activation=net.activation,
                    output_activation=net.output_activation,
                    loss=net.loss, init=net.init)
    fresh.weights, fresh.biases = net.weights, net.biases
    assert fresh.train(X, Y, epochs=3, batch_size=2) == mine
    assert first.evaluate(X, Y) < mine[0]


def test_to_dict_from_dict_round_trip():
    """from_dict(to_dict()) rebuilds the network, also through JSON."""
    net = _saved_net()[0]
    d = net.to_dict()
    assert Network.from_dict(d).to_dict() == d
    again = Network.from_dict(json.loads(json.dumps(d)))
    _same_network(net, again)
    assert again.to_dict() == d


def test_to_dict_and_from_dict_copy_their_data():
    """Changing a dict after to_dict or from_dict leaves the net alone."""
    net = _saved_net()[0]
    first = net.weights[0][0][0]
    d = net.to_dict()
    d["weights"][0][0][0] = 99.0
    d["classes"][0] = "changed"
    assert net.weights[0][0][0] == first and net.classes[0] == "no"
    d = net.to_dict()
    loaded = Network.from_dict(d)
    d["weights"][0][0][0] = 99.0
    d["scaler"]["mean"][0] = 99.0
    assert loaded.weights[0][0][0] == first
    assert loaded.scaler.mean == net.scaler.mean


def test_saved_file_is_readable_json():
    """The file is JSON naming its format and version, keys in order,
    one line per weight row."""
    net = _saved_net()[0]
    path = temp_path("readable.json")
    try:
        net.save(path)
        text = _read_text(path)
    finally:
        remove(path)
    d = json.loads(text)
    assert d["format"] == "backprop-network" == backprop.FORMAT_NAME
    assert d["version"] == 1 == backprop.FORMAT_VERSION
    places = [text.index('"%s":' % key) for key in backprop._KEYS]
    assert places == sorted(places), "keys out of order"
    lines = [line.strip().rstrip(",") for line in text.split("\n")]
    for W in net.weights:
        for row in W:
            assert any(line.startswith("[") and line.endswith("]")
                       and json.loads(line) == row
                       for line in lines), "row %r is not one line" % row


def test_load_rejects_text_that_is_not_a_json_object():
    """Truncated, empty, non-JSON and array files raise ValueError."""
    text = json.dumps(_saved_net()[0].to_dict())
    for name, bad in (("truncated", text[:len(text) // 2]),
                      ("empty", ""), ("words", "not a model\n")):
        _load_error(name + ".json", bad, ["not valid JSON"])
    _load_error("array.json", "[1, 2, 3]", ["JSON object", "list"])


def test_load_rejects_a_binary_file():
    """Bytes that are not text raise ValueError naming the file."""
    path = temp_path("binary.json")
    try:
        with open(path, "wb") as f:
            f.write(b"\xff\xfe\x00\x9c")
        raises(ValueError, [path, "not a text file"], Network.load, path)
    finally:
        remove(path)


def test_load_rejects_another_format():
    """A JSON object of another format is not a model."""
    def change(d):
        d["format"] = "keras"
    _dict_error("format.json", change, ["not a backprop model", "keras"])


def test_load_rejects_newer_and_invalid_versions():
    """A newer version is refused as newer; 0 and non-ints as invalid."""
    def version(v):
        def change(d):
            d["version"] = v
        return change
    _dict_error("v2.json", version(2), ["newer", "2"])
    _dict_error("v0.json", version(0), ["version", "at least 1"])
    for v in ("1", 1.5, None, True):
        _dict_error("vbad.json", version(v), ["version", "int"])


def test_load_rejects_missing_keys():
    """Each key a network cannot be built without is required."""
    for key in ("format", "version", "sizes", "activation",
                "output_activation", "loss", "bias", "weights", "biases"):
        def change(d):
            del d[key]
        _dict_error("missing.json", change, [key])


def test_load_rejects_wrong_weight_shapes():
    """Weights that disagree with sizes are refused, naming the layer."""
    def short_layer(d):
        del d["weights"][1][2]
    _dict_error("w1.json", short_layer, ["weights[1]", "3 x 2"])

    def long_row(d):
        d["weights"][0][1].append(0.5)
    _dict_error("w0.json", long_row, ["weights[0]", "2 x 3"])

    def not_rows(d):
        d["weights"][1] = "abc"
    _dict_error("wstr.json", not_rows, ["weights[1]"])

    def extra_layer(d):
        d["weights"].append([[1.0, 2.0], [3.0, 4.0]])
    _dict_error("wextra.json", extra_layer, ["weights", "2 matrices"])

    def other_sizes(d):
        d["sizes"] = [2, 4, 2]
    _dict_error("wsizes.json", other_sizes, ["weights[0]", "2 x 4"])


def test_load_rejects_wrong_bias_lengths():
    """Bias rows must match the layer sizes and the bias flag."""
    def short_row(d):
        d["biases"][1] = [0.5]
    _dict_error("b1.json", short_row, ["biases[1]", "2 values"])

    def missing_row(d):
        del d["biases"][0]
    _dict_error("b0.json", missing_row, ["biases", "2 rows"])

    def flag_off(d):
        d["bias"] = False
    _dict_error("bflag.json", flag_off, ["biases", "bias=False"])


def test_load_rejects_non_finite_numbers():
    """NaN, Infinity and overflowing numbers in weights or biases are
    refused."""
    d = _saved_net()[0].to_dict()
    d["weights"][1][0][0] = 12345.5
    d["biases"][0][1] = 54321.5
    text = json.dumps(d)
    assert text.count("12345.5") == 1 and text.count("54321.5") == 1
    # CPython's json reads these literals as nan and inf, so the model
    # check must catch them; MicroPython's refuses them as bad JSON.
    for literal in ("NaN", "Infinity", "-Infinity", "1e999"):
        words = [] if MICROPYTHON else ["weights[1]", "finite"]
        _load_error("nan_w.json", text.replace("12345.5", literal), words)
        words = [] if MICROPYTHON else ["biases[0]", "finite"]
        _load_error("nan_b.json", text.replace("54321.5", literal), words)


def test_load_rejects_strings_for_numbers():
    """A number written as a string is refused, naming where it is."""
    def weight(d):
        d["weights"][0][0][0] = "0.5"
    _dict_error("sw.json", weight, ["weights[0][0][0]", "number"])

    def bias(d):
        d["biases"][0][0] = "0"
    _dict_error("sb.json", bias, ["biases[0]", "number"])

    def size(d):
        d["sizes"][1] = "3"
    _dict_error("ss.json", size, ["sizes[1]", "int"])

    def rate(d):
        d["learning_rate"] = "0.1"
    _dict_error("sr.json", rate, ["learning_rate"])


def test_load_rejects_a_bias_flag_that_is_not_a_bool():
    """bias must be true or false, not 1 or a string."""
    for value in (1, "true", None):
        def change(d):
            d["bias"] = value
        _dict_error("flag.json", change, ["bias", "true or false"])


def test_load_rejects_unknown_functions():
    """Unknown activations and losses, or a bad pairing, are refused."""
    for key, value in (("activation", "swish"),
                       ("output_activation", "step"), ("loss", "hinge"),
                       ("init", "zeros")):
        def change(d):
            d[key] = value
        _dict_error("names.json", change, [key, value])

    def mismatch(d):
        d["loss"] = "mse"
    _dict_error("pair.json", mismatch, ["softmax", "cross_entropy"])


def test_load_rejects_bad_metadata():
    """classes, feature_names and target_column must fit the network."""
    for key, value, words in (
            ("classes", ["only"], ["classes", "2 names"]),
            ("classes", "ab", ["classes"]),
            ("feature_names", ["a", "b", "c"], ["feature_names", "2"]),
            ("target_column", -1, ["target_column"]),
            ("target_column", "2", ["target_column"]),
            ("target_column", True, ["target_column"])):
        def change(d):
            d[key] = value
        _dict_error("meta.json", change, words)


def test_load_rejects_bad_scalers():
    """A scaler needs mean and std of the right length, std > 0."""
    for key, value, words in (
            ("scaler", [0.0, 1.0], ["scaler", "mean and std"]),
            ("scaler", {"mean": [0.0, 0.0]}, ["scaler", "mean and std"]),
            ("scaler", {"mean": [0.0], "std": [1.0]}, ["scaler"]),
            ("scaler", {"mean": [0.0, 0.0], "std": [1.0, 0.0]},
             ["scaler", "positive"]),
            ("scaler", {"mean": [0.0, "x"], "std": [1.0, 1.0]},
             ["scaler"]),
            ("target_scaler", {"mean": [0.0], "std": [-1.0]},
             ["target_scaler"])):
        def change(d):
            d[key] = value
        _dict_error("scaler.json", change, words)


def test_load_of_a_missing_file_raises_oserror():
    """A file that does not exist raises OSError, not ValueError."""
    path = temp_path("absent.json")
    raises(OSError, [], Network.load, path)


def test_save_never_writes_what_load_refuses():
    """save raises rather than write metadata that load would refuse."""
    net = _saved_net()[0]
    net.classes = ["a", "b", "c"]
    path = temp_path("unloadable.json")
    try:
        raises(ValueError, ["classes", "2 names"], net.save, path)
        assert not _exists(path)
    finally:
        remove(path)
        remove(path + ".tmp")


def test_failed_save_keeps_the_existing_file():
    """A save that fails leaves the old file as it was, and no .tmp."""
    net = _saved_net()[0]
    path = temp_path("keep.json")
    try:
        net.save(path)
        before = _read_text(path)
        net.weights[1][0][1] = float("nan")
        raises(ValueError, ["NaN"], net.save, path)
        assert _read_text(path) == before
        assert not _exists(path + ".tmp")
    finally:
        remove(path)
        remove(path + ".tmp")


def test_save_replaces_an_existing_file():
    """Saving over a model file replaces it completely."""
    path = temp_path("replace.json")
    try:
        big = Network([3, 5, 2], seed=1)
        big.save(path)
        small = Network([2, 1], seed=2)
        small.save(path)
        loaded = Network.load(path)
        assert loaded.sizes == [2, 1]
        assert loaded.weights == small.weights
        assert not _exists(path + ".tmp")
    finally:
        remove(path)
        remove(path + ".tmp")


def test_save_into_a_missing_folder_raises_oserror():
    """A path in a folder that does not exist raises OSError."""
    folder = temp_path("no_such_folder")
    path = folder + "/model.json"
    raises(OSError, [], Network([2, 1], seed=0).save, path)
    assert not _exists(path) and not _exists(path + ".tmp")


class _FailingFile:
    """A file whose write() writes half its text, then fails."""

    def __init__(self, real):
        self.real = real

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.real.close()

    def write(self, text):
        self.real.write(text[:len(text) // 2])
        raise OSError(28, "No space left on device")

    def flush(self):
        pass

    def fileno(self):
        return self.real.fileno()


def test_save_that_fails_mid_write_keeps_the_old_file():
    """A write that fails half-way leaves the old model and no .tmp."""
    net = _saved_net()[0]
    path = temp_path("diskfull.json")
    real_open = open
    try:
        net.save(path)
        before = _read_text(path)
        backprop.open = lambda name, mode="r", **options: _FailingFile(
            real_open(name, mode))
        try:
            raises(OSError, [], net.save, path)
        finally:
            del backprop.open
        assert _read_text(path) == before
        assert not _exists(path + ".tmp")
    finally:
        remove(path)
        remove(path + ".tmp")


# --- Explaining one step ---

def _worked_example():
    """Return the classic 2-2-2 worked example and its sample (x, y)."""
    net = Network([2, 2, 2], learning_rate=0.5)
    net.weights = [[[0.15, 0.25], [0.20, 0.30]],
                   [[0.40, 0.50], [0.45, 0.55]]]
    net.biases = [[0.35, 0.35], [0.60, 0.60]]
    return net, [0.05, 0.10], [0.01, 0.99]


def _explained(text):
    """Parse an explain() page: return ({name: value}, check lines).

    An entry starts "  name = formula" and its last "= number" line is
    its value. The check table follows the line "Check: ...".
    """
    body, check = text.split("\nCheck:", 1)
    values = {}
    name = None
    for line in body.split("\n"):
        if line.startswith("  ") and not line.startswith("   "):
            name = line[2:].split(" = ", 1)[0]
            assert name not in values, "%s is written twice" % name
            values[name] = None
        elif name is not None and line.strip().startswith("= "):
            try:
                values[name] = float(line.strip()[2:])
            except ValueError:
                pass
    for name in values:
        assert values[name] is not None, "%s has no value" % name
    return values, check.split("\n")[2:]


def _copy_net(net, bias=None):
    """Return a new network with net's design and a copy of its
    parameters; bias=True on a net without biases gives zero biases."""
    bias = net.bias if bias is None else bias
    twin = Network(net.sizes, learning_rate=net.learning_rate, seed=0,
                   bias=bias, activation=net.activation,
                   output_activation=net.output_activation, loss=net.loss)
    twin.weights = [[list(row) for row in W] for W in net.weights]
    if bias:
        twin.biases = ([list(b) for b in net.biases] if net.bias
                       else [[0.0] * n for n in net.sizes[1:]])
    return twin


def _expected_page(net, x, y):
    """Return {name: value} of every quantity explain() shows, from
    the forward pass, objective(), gradients() and train(epochs=1)."""
    W = net.weights
    b = net.biases if net.bias else [[0.0] * n for n in net.sizes[1:]]
    acts = [A[0] for A in net._forward(net._params("test"), [x])]
    # With biases, dE/db = dE/dz; a twin with zero biases gives dz for
    # a network that has none.
    dW, db = _copy_net(net, bias=True).gradients([x], [y])
    out = {"E": net.objective([x], [y])}
    for k in range(len(W)):
        layer = k + 1
        for j in range(net.sizes[layer]):
            z = b[k][j]
            for i in range(net.sizes[k]):
                z += acts[k][i] * W[k][i][j]
            out["z%d[%d]" % (layer, j)] = z
            out["a%d[%d]" % (layer, j)] = acts[layer][j]
            out["dz%d[%d]" % (layer, j)] = db[k][j]
            if net.bias:
                out["db%d[%d]" % (layer, j)] = db[k][j]
            for i in range(net.sizes[k]):
                out["dW%d[%d][%d]" % (layer, i, j)] = dW[k][i][j]
        if k:
            # da_k[i] = sum_j dz_(k+1)[j] W_(k+1)[i][j]
            for i in range(net.sizes[k]):
                da = 0.0
                for j in range(net.sizes[layer]):
                    da += db[k][j] * W[k][i][j]
                out["da%d[%d]" % (k, i)] = da
    stepped = _copy_net(net)
    stepped.train([x], [y], epochs=1)
    for k in range(len(W)):
        for i in range(net.sizes[k]):
            for j in range(net.sizes[k + 1]):
                out["W%d[%d][%d]" % (k + 1, i, j)] = (
                    stepped.weights[k][i][j])
        if net.bias:
            for j in range(net.sizes[k + 1]):
                out["b%d[%d]" % (k + 1, j)] = stepped.biases[k][j]
    return out


def _check_page(net, x, y, digits):
    """Assert every value on net.explain's page is what the network
    computes, to the number of significant digits shown."""
    values, check = _explained(net.explain(x, y, digits))
    expected = _expected_page(net, x, y)
    assert sorted(values) == sorted(expected), (
        sorted(set(values) ^ set(expected)))
    for name in expected:
        # %.<digits>g is off by at most half a unit in the last digit
        # shown, below 10**(1 - digits) relative. The absolute 1e-14 is
        # for sums of terms near 1 that cancel to about zero, where the
        # two ways of adding round differently.
        try:
            close(values[name], expected[name], abs_tol=1e-14,
                  rel_tol=10.0 ** (1 - digits))
        except AssertionError as error:
            raise AssertionError("%s: %s" % (name, error))
    return values, check


def test_explain_shows_the_published_worked_example():
    """The 2-2-2 example shows the published values to their digits."""
    net, x, y = _worked_example()
    values = _explained(net.explain(x, y))[0]
    # Each published value, checked to one unit in its last digit.
    for name, published, tol in (
            ("a1[0]", 0.593269992, 1e-9), ("a1[1]", 0.596884378, 1e-9),
            ("a2[0]", 0.75136507, 1e-8), ("a2[1]", 0.772928465, 1e-9),
            ("E", 0.298371109, 1e-9), ("dW2[0][0]", 0.082167041, 1e-9),
            ("W2[0][0]", 0.35891648, 1e-8),
            ("W2[1][0]", 0.408666186, 1e-9),
            ("W2[0][1]", 0.511301270, 1e-9),
            ("W2[1][1]", 0.561370121, 1e-9),
            ("W1[0][0]", 0.149780716, 1e-9),
            ("W1[1][0]", 0.19956143, 1e-8),
            ("W1[0][1]", 0.24975114, 1e-8),
            ("W1[1][1]", 0.29950229, 1e-8)):
        close(values[name], published, abs_tol=tol)


def test_explain_values_match_the_network():
    """Every value explain prints is what predict, gradients and one
    epoch of train compute, to the digits shown."""
    net, x, y = _worked_example()
    for digits in (9, 4, 15):
        _check_page(net, x, y, digits)


def test_explain_other_activations_and_losses():
    """Pages for tanh, relu, identity, softmax and binary cross-entropy
    networks, with and without biases, parse back to the network's
    values."""
    for sizes, hidden, output, loss, bias, x, y in (
            ([2, 3, 1], "tanh", "sigmoid", "mse", True,
             [0.5, -1.0], [1.0]),
            ([3, 3, 2], "relu", "identity", "mse", True,
             [1.0, -2.0, 0.5], [0.5, -1.5]),
            ([2, 2, 2], "identity", "identity", "mse", True,
             [0.3, 0.7], [1.0, 0.0]),
            ([2, 3, 3], "tanh", "softmax", "cross_entropy", True,
             [0.2, -0.4], [0.0, 1.0, 0.0]),
            ([2, 2, 1], "sigmoid", "sigmoid", "binary_cross_entropy",
             True, [1.0, 0.0], [1.0]),
            ([3, 2, 1], "sigmoid", "sigmoid", "mse", False,
             [0.1, 0.2, 0.3], [0.2]),
            ([2, 2, 2, 1], "tanh", "identity", "mse", True,
             [0.5, 0.25], [2.0])):
        net = Network(sizes, learning_rate=0.25, seed=5, bias=bias,
                      activation=hidden, output_activation=output,
                      loss=loss)
        if bias:
            net.biases = [[0.1 * (j + 1) for j in range(n)]
                          for n in sizes[1:]]
        try:
            _check_page(net, x, y, 9)
        except AssertionError as error:
            raise AssertionError("%s %s: %s" % (hidden, output, error))


def test_explain_check_section_agrees():
    """The finite-difference table covers every gradient and agrees."""
    net, x, y = _worked_example()
    values, check = _check_page(net, x, y, 9)
    rows, last = check[:-2], check[-2]
    assert last.startswith("Largest relative difference: "), last
    largest = float(last.split(": ")[1])
    # Central differences with h = 1e-5 are good to about 1e-7
    # relative; a wrong gradient would be off by far more than 1e-5.
    assert largest < 1e-5, largest
    names = []
    for row in rows:
        name, analytic, numeric, rel = row.split()
        names.append(name)
        assert float(analytic) == values[name]
        close(float(numeric), float(analytic), rel_tol=1e-5)
        assert float(rel) <= largest
    assert sorted(names) == sorted(
        k for k in values if k.startswith("dW") or k.startswith("db"))


def test_explain_lines_fit_in_79_columns():
    """No line of an explain page is wider than 79 columns, even with
    17 digits and the largest network allowed."""
    for sizes, hidden, output, loss, x, y in (
            ([2, 2, 2], "sigmoid", "sigmoid", "mse",
             [0.05, 0.10], [0.01, 0.99]),
            ([4, 5, 2], "tanh", "softmax", "cross_entropy",
             [-1.5e-7, 2.0, -3.25, 123456.789], [1.0, 0.0]),
            ([7, 5, 1], "relu", "identity", "mse",
             [-0.1, 0.2, -0.3, 0.4, -0.5, 0.6, -0.7], [-1e5]),
            ([2, 4, 4], "identity", "softmax", "cross_entropy",
             [1.0, -1.0], [0.0, 0.0, 0.0, 1.0])):
        net = Network(sizes, seed=11, activation=hidden,
                      output_activation=output, loss=loss)
        for digits in (1, 9, 17):
            for line in net.explain(x, y, digits).split("\n"):
                assert len(line) <= 79, (
                    "%d columns: %r" % (len(line), line))


def test_explain_leaves_the_network_unchanged():
    """explain changes no weight, bias or setting."""
    net, x, y = _worked_example()
    before = net.to_dict()
    net.explain(x, y)
    assert net.to_dict() == before


def test_explain_refuses_large_networks():
    """More than 50 weights and biases raise ValueError with the limit."""
    # 5*5 + 5*5 = 50 weights and no biases: exactly the limit.
    net = Network([5, 5, 5], seed=0, bias=False)
    assert net.explain([0.0] * 5, [0.0] * 5).startswith("One training")
    # With biases: 50 + 5 + 5 = 60.
    net = Network([5, 5, 5], seed=0)
    raises(ValueError, ["explain", "60", "50"], net.explain,
           [0.0] * 5, [0.0] * 5)


def test_explain_rejects_bad_digits_and_samples():
    """digits must be an int from 1 to 17; x and y must fit."""
    net, x, y = _worked_example()
    raises(ValueError, ["digits", "at least 1"], net.explain, x, y, 0)
    raises(ValueError, ["digits", "17"], net.explain, x, y, 18)
    for bad in (9.0, "9", True, None):
        raises(TypeError, ["digits"], net.explain, x, y, bad)
    raises(ValueError, ["explain", "X"], net.explain, [1.0], y)
    raises(ValueError, ["explain", "Y"], net.explain, x, [1.0, 2.0, 3.0])
    raises(TypeError, ["explain"], net.explain, 0.5, y)


def _entries(text):
    """Return [name, formula, numbers..., value] for each entry of an
    explain page, continuation lines joined."""
    body = text.split("\nCheck:", 1)[0]
    entries, current = [], None
    for line in body.split("\n"):
        if line.startswith("  ") and not line.startswith("   "):
            current = [line[2:].split(" = ", 1)[0], line.split(" = ", 1)[1]]
            entries.append(current)
        elif current is not None and line.strip().startswith("= "):
            current.append(line.strip()[2:])
        elif current is not None and line.startswith("   ") and line.strip():
            current[-1] += " " + line.strip()
    return entries


def test_explain_substitutions_evaluate_to_the_values_shown():
    """Each line of numbers on an explain page gives the value below it."""
    cases = [_worked_example()]
    for sizes, hidden, output, loss, x, y in (
            ([3, 3, 2], "relu", "identity", "mse", [1.0, -2.0, 0.5],
             [0.5, -1.5]),
            ([2, 3, 3], "tanh", "softmax", "cross_entropy", [0.2, -0.4],
             [0.0, 1.0, 0.0]),
            ([2, 2, 1], "sigmoid", "sigmoid", "binary_cross_entropy",
             [1.0, 0.0], [1.0])):
        net = Network(sizes, learning_rate=0.25, seed=5, activation=hidden,
                      output_activation=output, loss=loss)
        cases.append((net, x, y))
    names = {"exp": math.exp, "ln": math.log, "relu": relu,
             "tanh": math.tanh, "identity": lambda v: v}
    for net, x, y in cases:
        for entry in _entries(net.explain(x, y, 9)):
            if len(entry) < 4:
                continue  # db = dz has no line of numbers
            numbers, value = entry[-2], float(entry[-1])
            got = eval(numbers.replace("^", "**").replace("1/2", "0.5"),
                       names)
            # The numbers are printed to 9 digits, so the result can
            # differ from the value shown in about the 8th digit.
            close(got, value, abs_tol=1e-7, rel_tol=1e-6)


# --- Loss curve ---

def _svg_points(svg, name):
    """Return the (x, y) points of the polyline of class name in svg."""
    start = svg.index('class="%s"' % name)
    start = svg.index('points="', start) + len('points="')
    text = svg[start:svg.index('"', start)]
    return [[float(v) for v in p.split(",")] for p in text.split()]


def test_svg_plot_is_well_formed_xml():
    """The SVG parses as XML, with two polylines and labelled axes."""
    try:
        import xml.etree.ElementTree as ElementTree
    except ImportError:
        skip("xml.etree is not available")
    svg = backprop.svg_plot([0.9, 0.5, 0.3, 0.2], [1.0, 0.6, 0.4, 0.35])
    root = ElementTree.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
    lines = [e for e in root.iter() if e.tag.endswith("polyline")]
    assert sorted(e.get("class") for e in lines) == ["training",
                                                     "validation"]
    for e in lines:
        assert len(e.get("points").split()) == 4
    texts = [e.text for e in root.iter() if e.tag.endswith("text")]
    assert "epoch" in texts and "loss" in texts


def test_svg_plot_has_one_point_per_epoch():
    """Each polyline has one point per epoch, in epoch order."""
    losses = [1.0 / (e + 1) for e in range(7)]
    validation = [1.2 / (e + 1) for e in range(7)]
    svg = backprop.svg_plot(losses, validation)
    for name in ("training", "validation"):
        points = _svg_points(svg, name)
        assert len(points) == 7, name
        xs = [p[0] for p in points]
        assert xs == sorted(xs) and len(set(xs)) == 7
    assert 'class="validation"' not in backprop.svg_plot(losses)
    assert len(_svg_points(backprop.svg_plot([0.5]), "training")) == 1


def test_svg_plot_points_lie_inside_the_axes():
    """Every point is inside the 640 x 400 image, higher loss higher."""
    losses = [3.0, 1.0, 2.0, 0.0005]
    points = _svg_points(backprop.svg_plot(losses), "training")
    for x, y in points:
        assert 0 <= x <= 640 and 0 <= y <= 400, (x, y)
    # SVG's y axis points down: a larger loss is drawn nearer the top.
    ys = [p[1] for p in points]
    assert ys[0] < ys[2] < ys[1] < ys[3], ys


def test_svg_plot_labels_axes_and_escapes_the_title():
    """The axes are labelled epoch and loss; the title is escaped."""
    svg = backprop.svg_plot([0.5, 0.25], title="a < b & c")
    assert ">epoch</text>" in svg and ">loss</text>" in svg
    assert "a &lt; b &amp; c" in svg and "a < b" not in svg


def test_svg_plot_rejects_empty_and_non_finite_losses():
    """No losses, NaN or infinity raise ValueError; text TypeError."""
    nan, inf = float("nan"), float("inf")
    raises(ValueError, ["svg_plot", "no training"], backprop.svg_plot, [])
    for bad in ([0.5, nan], [inf], [0.1, -inf]):
        raises(ValueError, ["svg_plot", "finite"], backprop.svg_plot, bad)
        raises(ValueError, ["svg_plot", "validation"], backprop.svg_plot,
               [0.5], bad)
    raises(TypeError, ["svg_plot"], backprop.svg_plot, [0.5, "0.1"])


# --- Command line ---

def _need_cli():
    """Skip unless the command line's argparse and csv are available."""
    try:
        import argparse
        import csv  # noqa: F401
    except ImportError:
        skip("the command line needs the argparse and csv modules")
    if not hasattr(argparse.ArgumentParser, "add_subparsers"):
        skip("this argparse has no subcommands")


def _cli(argv):
    """Run backprop.main(argv); return (status, stdout, stderr).

    argparse leaves through SystemExit for --help and --version; its
    code is what a user of the command would see as the exit status.
    """
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        try:
            status = backprop.main(argv)
        except SystemExit as stop:
            status = stop.code
    finally:
        sys.stdout, sys.stderr = saved
    return status, out.getvalue(), err.getvalue()


def _cli_error(argv, words=()):
    """Assert main(argv) fails as a user should see it: exit status 2
    and exactly one line "backprop: error: ..." on stderr holding words,
    with no traceback. Return that line."""
    status, out, err = _cli(argv)
    assert status == 2, "status %r for %r; stderr %r" % (status, argv, err)
    lines = err.split("\n")
    assert len(lines) == 2 and lines[1] == "", "stderr %r" % err
    assert lines[0].startswith("backprop: error: "), lines[0]
    assert "Traceback" not in err + out, err + out
    for word in words:
        assert word in lines[0], "%r not in %r" % (word, lines[0])
    return lines[0]


# A trivially separable two-class set: "low" near (0, 0), "high" near
# (1, 1); and a line y = 2 x + 1 for regression.
_CLASS_ROWS = ["0.0,0.1,low", "0.1,0.2,low", "0.2,0.0,low", "0.1,0.1,low",
               "1.0,0.9,high", "0.9,1.0,high", "0.8,0.9,high",
               "1.0,1.0,high"]
_LINE_ROWS = ["%g,%g" % (x, 2 * x + 1) for x in range(10)]
_FAST = ["--hidden", "4", "--epochs", "60", "--learning-rate", "0.1",
         "--batch-size", "0", "--seed", "1", "--quiet"]


# Printed by the NumPy tutorial with the same seed, every 1000 epochs,
# and its prediction for [0.2, 0.4, 0.6]. The checks allow 1e-9
# relative for the order of additions, which the module does not share.
_TUTORIAL_LOSSES = [
    0.09719732111297691, 0.05481438124812843, 0.032116719384623675,
    0.016679352065130586, 0.009303321218183606, 0.005502409584055995,
    0.0034637478471880325, 0.0023244494463988516, 0.0016594293777184143,
    0.0012536722328608842]
_TUTORIAL_PREDICTION = 0.3593287883101952


def test_main_without_arguments_prints_the_tutorial_run():
    """main([]) prints the NumPy tutorial's losses and prediction."""
    if MICROPYTHON or sys.platform == "emscripten":
        # 10,000 epochs take 0.5 s on CPython and several times that
        # in WebAssembly; the seeded numbers are checked elsewhere.
        skip("the 10,000-epoch demo is too slow here")
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        status = backprop.main([])
    finally:
        sys.stdout = saved
    assert status == 0
    lines = out.getvalue().split("\n")
    assert lines[-1] == "" and len(lines) == 12, lines
    for k, expected in enumerate(_TUTORIAL_LOSSES):
        head = "Epoch %d, Loss: " % (1000 * k)
        assert lines[k].startswith(head), lines[k]
        close(float(lines[k][len(head):]), expected, rel_tol=1e-9)
    head = "Testing predictions: [["
    assert lines[10].startswith(head) and lines[10].endswith("]]")
    close(float(lines[10][len(head):-2]), _TUTORIAL_PREDICTION,
          rel_tol=1e-9)


def test_demo_training_fits_in_micropython():
    """The demo's 10,000 epochs fit in MicroPython's heap and give the
    tutorial's losses there too."""
    if not MICROPYTHON or sys.platform == "webassembly":
        # Elsewhere main([]) is checked above; in WebAssembly the run
        # takes several seconds.
        skip("for micropython-unix only")
    net = Network([3, 4, 1], learning_rate=0.1, seed=42, bias=False)
    shown = []

    def keep(epoch, loss):
        shown.append(loss)
    net.train(TUTORIAL_X, TUTORIAL_Y, epochs=10000, every=1000,
              callback=keep)
    close(shown, _TUTORIAL_LOSSES, rel_tol=1e-9)
    close(net.predict([[0.2, 0.4, 0.6]])[0][0], _TUTORIAL_PREDICTION,
          rel_tol=1e-9)


def test_main_help_and_version_exit_zero():
    """--help prints the usage and --version the version, status 0."""
    _need_cli()
    status, out, err = _cli(["--help"])
    assert status == 0 and err == "", (status, err)
    assert out.startswith("usage: backprop")
    for command in ("train", "predict", "explain"):
        assert command in out
    status, out, err = _cli(["train", "--help"])
    assert status == 0 and "--save" in out
    status, out, err = _cli(["--version"])
    assert status == 0
    assert (out + err).strip() == "backprop " + backprop.__version__


def test_cli_classifies_a_csv_file_with_a_header():
    """train learns a separable set; predict names each row's class,
    with or without the target column in the file."""
    _need_cli()
    data, model = temp_path("cls.csv"), temp_path("cls.json")
    inputs = temp_path("cls_in.csv")
    try:
        _write_text(data, "x1,x2,label\n" + "\n".join(_CLASS_ROWS) + "\n")
        status, out, err = _cli(["train", data, "--save", model] + _FAST)
        assert status == 0 and err == "", err
        assert "training accuracy 100.0%" in out, out
        assert "saved the model to " + model in out
        net = Network.load(model)
        assert net.classes == ["high", "low"]
        assert net.feature_names == ["x1", "x2"]
        assert (net.target_name, net.target_column) == ("label", 2)
        labels = [row.split(",")[2] for row in _CLASS_ROWS]
        status, out, err = _cli(["predict", model, data])
        assert status == 0 and err == "", err
        assert out.split("\n") == ["label"] + labels + [""]
        # The columns are found by name, so their order may differ.
        _write_text(inputs, "x2,x1\n0.05,0.0\n0.95,1.0\n")
        status, out, err = _cli(["predict", model, inputs])
        assert (status, out) == (0, "label\nlow\nhigh\n"), (status, out)
    finally:
        for path in (data, model, inputs):
            remove(path)


def test_cli_classifies_a_csv_file_without_a_header():
    """Without a header the last column is the target, and predict
    takes files with or without it."""
    _need_cli()
    data, model = temp_path("nohead.csv"), temp_path("nohead.json")
    inputs = temp_path("nohead_in.csv")
    try:
        _write_text(data, "\n".join(_CLASS_ROWS) + "\n")
        status, out, err = _cli(["train", data, "--save", model] + _FAST)
        assert status == 0 and "training accuracy 100.0%" in out, out
        net = Network.load(model)
        assert net.feature_names is None and net.target_name is None
        labels = [row.split(",")[2] for row in _CLASS_ROWS]
        status, out, err = _cli(["predict", model, data])
        assert out.split("\n") == ["prediction"] + labels + [""], out
        _write_text(inputs, "0.0,0.05\n1.0,0.95\n")
        status, out, err = _cli(["predict", model, inputs])
        assert (status, out) == (0, "prediction\nlow\nhigh\n"), out
    finally:
        for path in (data, model, inputs):
            remove(path)


def test_cli_classifies_numeric_labels_with_classify():
    """--classify treats a numeric target as class labels."""
    _need_cli()
    data, model = temp_path("numcls.csv"), temp_path("numcls.json")
    try:
        rows = [r.replace("low", "0").replace("high", "1")
                for r in _CLASS_ROWS]
        _write_text(data, "a,b,c\n" + "\n".join(rows) + "\n")
        status, out, err = _cli(["train", data, "--classify", "--save",
                                 model] + _FAST)
        assert status == 0 and "training accuracy 100.0%" in out, out
        assert Network.load(model).classes == ["0", "1"]
    finally:
        remove(data)
        remove(model)


def test_cli_regression_predictions_match_the_saved_model():
    """predict prints, in the data's units, what the saved model gives."""
    _need_cli()
    data, model = temp_path("line.csv"), temp_path("line.json")
    inputs = temp_path("line_in.csv")
    try:
        _write_text(data, "x,y\n" + "\n".join(_LINE_ROWS) + "\n")
        status, out, err = _cli(["train", data, "--save", model, "--hidden",
                                 "4", "--epochs", "150", "--batch-size",
                                 "0", "--learning-rate", "0.05",
                                 "--quiet"])
        assert status == 0 and "mean absolute error" in out, out
        net = Network.load(model)
        assert net.classes is None and net.target_name == "y"
        _write_text(inputs, "x\n0.5\n4\n8.5\n")
        status, out, err = _cli(["predict", model, inputs])
        assert status == 0 and err == "", err
        lines = out.split("\n")
        assert lines[0] == "y" and lines[-1] == "" and len(lines) == 5
        X = net.scaler.transform([[0.5], [4.0], [8.5]])
        P = net.target_scaler.inverse_transform(net.predict(X))
        # repr reads back to the same double, so this is exact.
        assert [float(v) for v in lines[1:4]] == [p[0] for p in P]
        # The line spans y = 1 to 19; 150 epochs of Adam get within 1.
        close([float(v) for v in lines[1:4]], [2.0, 9.0, 18.0],
              abs_tol=1.0)
    finally:
        for path in (data, model, inputs):
            remove(path)


def test_cli_predict_writes_the_output_file():
    """--output writes exactly what predict would print, and prints
    no predictions."""
    _need_cli()
    data, model = temp_path("outd.csv"), temp_path("outd.json")
    output = temp_path("outd.txt")
    try:
        _write_text(data, "x1,x2,label\n" + "\n".join(_CLASS_ROWS) + "\n")
        assert _cli(["train", data, "--save", model] + _FAST)[0] == 0
        printed = _cli(["predict", model, data])[1]
        status, out, err = _cli(["predict", model, data, "--output",
                                 output])
        assert status == 0 and err == "" and "low" not in out
        assert _read_text(output) == printed
        assert not _exists(output + ".tmp")
    finally:
        for path in (data, model, output):
            remove(path)


def test_cli_plot_has_one_point_per_epoch():
    """--plot with --validation draws both curves, a point an epoch."""
    _need_cli()
    data, plot = temp_path("plot.csv"), temp_path("plot.svg")
    try:
        _write_text(data, "x1,x2,label\n" + "\n".join(_CLASS_ROWS) + "\n")
        status, out, err = _cli(["train", data, "--plot", plot,
                                 "--validation", "0.25"] + _FAST)
        assert status == 0 and "validation accuracy" in out, out
        svg = _read_text(plot)
        # One training point per epoch; the validation curve also has
        # its loss before training, at x = 0, so it has one more.
        assert len(_svg_points(svg, "training")) == 60
        assert len(_svg_points(svg, "validation")) == 61
    finally:
        remove(data)
        remove(plot)


def test_cli_plot_curves_match_when_patience_stops_early():
    """When --patience stops training, both curves still end at the
    last epoch trained."""
    _need_cli()
    data, plot = temp_path("early.csv"), temp_path("early.svg")
    try:
        _write_text(data, "x,y\n" + "\n".join(_LINE_ROWS) + "\n")
        # Plain gradient descent with a large step overshoots at once,
        # so the loss stops falling after a few epochs.
        status, out, err = _cli(["train", data, "--plot", plot,
                                 "--validation", "0.3", "--patience", "1",
                                 "--optimizer", "sgd", "--learning-rate",
                                 "0.9", "--hidden", "2", "--batch-size",
                                 "0", "--epochs", "30", "--quiet"])
        assert status == 0, err
        epochs = int(out.split(" for ")[1].split(" epochs")[0])
        assert epochs < 30, out
        svg = _read_text(plot)
        counts = [len(_svg_points(svg, name))
                  for name in ("training", "validation")]
        # Validation also has the point before training (x = 0).
        assert counts == [epochs, epochs + 1], (counts, epochs)
    finally:
        remove(data)
        remove(plot)


def test_cli_reports_bad_input_in_one_line():
    """Bad files and options exit 2 with one "backprop: error:" line."""
    _need_cli()
    paths = [temp_path(name) for name in (
        "e_empty.csv", "e_ragged.csv", "e_text.csv", "e_model.json",
        "e_corrupt.json", "e_good.csv", "e_wide.csv")]
    empty, ragged, text, model, corrupt, good, wide = paths
    try:
        _write_text(empty, "\n\n")
        _write_text(ragged, "x1,x2,label\n1,2,a\n3,4\n5,6,b\n")
        _write_text(text, "x1,x2,label\n1,2,a\n3,4,b\n5,six,a\n")
        _write_text(good, "\n".join(_CLASS_ROWS) + "\n")
        _write_text(wide, "1,2,3,4\n5,6,7,8\n")
        _write_text(corrupt, '{"format": "backprop-network", "vers')
        Network([2, 3, 2], seed=0, output_activation="softmax",
                loss="cross_entropy").save(model)
        missing = temp_path("e_missing.csv")
        _cli_error(["train", missing], [missing])
        _cli_error(["train", empty], [empty, "empty"])
        _cli_error(["train", ragged], [ragged, "line 3", "2 fields"])
        _cli_error(["train", text], [text, "line 4", "'x2'", "'six'"])
        _cli_error(["train", good, "--bogus"], ["--bogus"])
        _cli_error(["frobnicate"], ["frobnicate"])
        _cli_error(["train"], ["DATA.csv"])
        _cli_error(["train", good, "--epochs", "many"], ["--epochs"])
        _cli_error(["train", good, "--target", "nope"], ["nope"])
        _cli_error(["train", good, "--validation", "1.5"],
                   ["--validation"])
        _cli_error(["predict", model, wide], ["2 features", "4 columns"])
        _cli_error(["predict", corrupt, good], [corrupt, "JSON"])
        _cli_error(["predict", missing, good], [missing])
    finally:
        for path in paths:
            remove(path)


def test_cli_failed_runs_leave_existing_files_alone():
    """A train or predict that fails does not touch --save, --plot or
    --output files that were there."""
    _need_cli()
    names = ("f_ragged.csv", "f_line.csv", "f_keep.json", "f_keep.svg",
             "f_keep.txt", "f_model.json")
    paths = [temp_path(name) for name in names]
    ragged, line, keep, keep_svg, keep_txt, model = paths
    try:
        _write_text(ragged, "1,2,a\n3,4\n")
        _write_text(line, "x,y\n" + "\n".join(_LINE_ROWS) + "\n")
        for path in (keep, keep_svg, keep_txt):
            _write_text(path, "precious\n")
        _cli_error(["train", ragged, "--save", keep, "--plot", keep_svg])
        # A huge step makes the loss overflow: train raises mid-way.
        _cli_error(["train", line, "--save", keep, "--plot", keep_svg,
                    "--optimizer", "sgd", "--learning-rate", "1000",
                    "--batch-size", "0", "--epochs", "50", "--quiet"],
                   ["diverged"])
        Network([1, 2, 1], seed=0, output_activation="identity").save(model)
        _cli_error(["predict", model, ragged, "--output", keep_txt])
        for path in (keep, keep_svg, keep_txt):
            assert _read_text(path) == "precious\n", path
            assert not _exists(path + ".tmp"), path
    finally:
        for path in paths:
            remove(path)
            remove(path + ".tmp")


def test_cli_explain_default_is_the_worked_example():
    """explain with no options prints the classic worked example."""
    _need_cli()
    status, out, err = _cli(["explain"])
    assert status == 0 and err == ""
    net, x, y = _worked_example()
    assert out == net.explain(x, y)
    assert "= 0.593269992\n" in out


def test_cli_explain_builds_a_seeded_network():
    """--sizes, --seed, --x and --y explain that network on that sample."""
    _need_cli()
    status, out, err = _cli(["explain", "--sizes", "2,2,1", "--seed", "3",
                             "--x", "1,0", "--y", "1"])
    assert status == 0 and err == ""
    assert out.startswith("One training step of a 2-2-1 network")
    net = Network([2, 2, 1], learning_rate=0.5, seed=3)
    assert out == net.explain([1.0, 0.0], [1.0])
    status, out4, err = _cli(["explain", "--sizes", "2,2,1", "--seed", "3",
                              "--x", "1,0", "--y", "1", "--digits", "4"])
    assert status == 0 and out4 == net.explain([1.0, 0.0], [1.0], 4)
    assert out4 != out


def test_cli_explain_a_saved_model():
    """--model explains a saved network at its own learning rate."""
    _need_cli()
    model = temp_path("explain.json")
    try:
        net = Network([2, 2, 1], learning_rate=0.125, seed=9,
                      activation="tanh")
        net.save(model)
        status, out, err = _cli(["explain", "--model", model, "--x",
                                 "0.5,-0.5", "--y", "0.25"])
        assert status == 0 and err == ""
        assert "learning rate eta = 0.125." in out
        assert out == net.explain([0.5, -0.5], [0.25])
        _cli_error(["explain", "--model", model], ["--x", "--y"])
    finally:
        remove(model)


def test_cli_explain_rejects_bad_options():
    """Bad digits, samples, sizes and names exit 2 with one line."""
    _need_cli()
    _cli_error(["explain", "--digits", "0"], ["digits"])
    _cli_error(["explain", "--digits", "18"], ["digits"])
    _cli_error(["explain", "--digits", "x"], ["--digits"])
    _cli_error(["explain", "--x", "a,b"], ["--x"])
    _cli_error(["explain", "--x", "1,2,3"], ["--x", "3 values", "2 inputs"])
    _cli_error(["explain", "--sizes", "2,2,1"], ["--x", "--y"])
    _cli_error(["explain", "--sizes", "2,x"], ["--sizes"])
    _cli_error(["explain", "--sizes", "5,5,5", "--x", "0,0,0,0,0",
                "--y", "0,0,0,0,0"], ["50"])
    _cli_error(["explain", "--activation", "swish"], ["swish"])
    _cli_error(["explain", "--sizes", "2,2", "--output-activation",
                "softmax", "--x", "1,0", "--y", "1,0"], ["softmax"])
    _cli_error(["explain", "--learning-rate", "-1"], ["learning"])
    _cli_error(["explain", "--model", temp_path("absent.json"), "--x",
                "1", "--y", "1"], ["absent.json"])


def test_cli_explain_refuses_a_zero_learning_rate():
    """--learning-rate 0 is refused, not silently replaced by 0.5."""
    _need_cli()
    _cli_error(["explain", "--learning-rate", "0"], ["learning"])
    _cli_error(["explain", "--sizes", "2,1", "--x", "1,0", "--y", "1",
                "--learning-rate", "0"], ["learning"])


def test_cli_write_error_exits_2():
    """--save naming a folder is one error line and status 2."""
    _need_cli()
    data, folder = temp_path("oserr.csv"), temp_path("oserr_dir")
    try:
        _write_text(data, "x1,x2,label\n" + "\n".join(_CLASS_ROWS) + "\n")
        os.mkdir(folder)
        _cli_error(["train", data, "--save", folder] + _FAST,
                   ["--save", "folder"])
        assert not _exists(folder + ".tmp")
    finally:
        remove(data)
        remove(folder + ".tmp")
        os.rmdir(folder)


def test_cli_progress_lines():
    """Without --quiet, train prints every epochs//10 and the last epoch."""
    _need_cli()
    data = temp_path("prog.csv")
    try:
        _write_text(data, "x1,x2,label\n" + "\n".join(_CLASS_ROWS) + "\n")
        fast = [a for a in _FAST if a != "--quiet"]
        status, out, err = _cli(["train", data] + fast)
        assert status == 0, err
        heads = [line.split("  ")[0] for line in out.split("\n")
                 if line.startswith("epoch ")]
        # 60 epochs: every 6th from epoch 1, then the last
        assert heads == (["epoch %d/60" % e for e in range(1, 60, 6)]
                         + ["epoch 60/60"]), heads
    finally:
        remove(data)


def test_cli_predict_reads_columns_by_name_and_drops_the_target():
    """predict finds features by name and drops a target in any column."""
    _need_cli()
    data, model, inputs = (temp_path("byname.csv"), temp_path("byname.json"),
                           temp_path("byname_in.csv"))
    try:
        # y = 3 x, with the target in the first column
        _write_text(data, "y,x\n" + "\n".join(
            "%g,%g" % (3 * x, x) for x in range(10)) + "\n")
        status, out, err = _cli(["train", data, "--target", "1", "--save",
                                 model, "--hidden", "4", "--epochs", "150",
                                 "--batch-size", "0", "--learning-rate",
                                 "0.05", "--quiet"])
        assert status == 0, err
        net = Network.load(model)
        assert net.target_column == 0 and net.feature_names == ["x"]
        want = net.target_scaler.inverse_transform(
            net.predict(net.scaler.transform([[2.0], [7.0]])))
        # with a header, by name (junk ignored); without, column 0 dropped
        for text, options in (("x,junk\n2,99\n7,99\n", []),
                              ("99,2\n99,7\n", ["--no-header"])):
            _write_text(inputs, text)
            status, out, err = _cli(["predict", model, inputs] + options)
            assert status == 0, err
            got = [float(v) for v in out.split("\n")[1:3]]
            assert got == [p[0] for p in want], out
    finally:
        for path in (data, model, inputs):
            remove(path)


# --- Examples ---

def _example(name):
    """Run examples/<name>.py as a module and return its namespace."""
    path = HERE + "/examples/" + name + ".py"
    namespace = {"__file__": path, "__name__": "example_" + name}
    exec(_read_text(path), namespace)
    return namespace


def _fast_enough(seconds_on_cpython):
    """Skip where a run of this length on CPython would take too long."""
    if MICROPYTHON and seconds_on_cpython > 0.05:
        skip("too slow on MicroPython (%.2f s on CPython)"
             % seconds_on_cpython)
    if sys.platform == "emscripten" and seconds_on_cpython > 0.2:
        skip("too slow under Pyodide (%.2f s on CPython)"
             % seconds_on_cpython)


def test_example_xor_gets_all_four_right():
    """examples/xor.py, quick form, puts all four cases on the right
    side of 0.5."""
    _fast_enough(0.02)
    assert _example("xor")["main"](quick=True, verbose=False) == 1.0


def test_example_iris_reaches_95_percent():
    """examples/iris.py, quick form, gets at least 95% of the test
    flowers right."""
    _fast_enough(0.16)
    accuracy_ = _example("iris")["main"](quick=True, verbose=False)
    assert 0.95 <= accuracy_ <= 1.0, accuracy_


def test_example_regression_beats_the_mean():
    """examples/regression.py, quick form, has under half the error of
    always answering the training mean."""
    _fast_enough(0.45)
    example = _example("regression")
    error = example["main"](quick=True, verbose=False, seed=0)
    # The same data and split as main's, to price the constant answer.
    X, Y = example["make_data"](200, 0)
    parts = train_test_split(X, Y, test_size=0.25, seed=0)
    centre = example["mean"]([y[0] for y in parts[2]])
    baseline = example["mean_absolute_error"](
        parts[3], [[centre]] * len(parts[3]))
    assert error < 0.5 * baseline, (error, baseline)


def test_tutorial_written_out_by_hand_matches_train():
    """benchmarks/written_out.py spells out every sum of the tutorial's
    epoch, one variable per weight: 100 epochs of it and of train()
    end with the same weights and loss."""
    path = HERE + "/benchmarks/written_out.py"
    namespace = {"__file__": path, "__name__": "written_out"}
    exec(_read_text(path), namespace)
    net = Network([3, 4, 1], seed=42, bias=False)
    W1, W2 = net.weights
    losses = net.train(TUTORIAL_X, TUTORIAL_Y, epochs=100)
    W1, W2, loss = namespace["train"](W1, W2, TUTORIAL_X, TUTORIAL_Y, 100)
    ours = [v for layer in net.weights for row in layer for v in row]
    theirs = [v for layer in (W1, W2) for row in layer for v in row]
    assert len(ours) == len(theirs) == 16
    if backprop.DOT_KERNEL == "math.sumprod":
        # sumprod adds with extra precision, the written-out sums in
        # plain floats: the last bits may differ, so 1e-12 relative.
        for a, b in zip(ours + [losses[-1]], theirs + [loss]):
            assert abs(a - b) <= 1e-12 * abs(b), (a, b)
    else:
        # The same products added in the same order: to the bit.
        assert ours == theirs
        assert losses[-1] == loss


# --- Documentation ---

def test_docstring_examples():
    """Every >>> example in backprop's docstrings gives what it shows."""
    try:
        import doctest
    except ImportError:
        skip("no doctest module here")
    if not backprop.__doc__:
        skip("this interpreter drops docstrings")
    failed, tried = doctest.testmod(backprop)
    assert tried > 30, "only %d examples found" % tried
    assert failed == 0, "%d of %d examples failed" % (failed, tried)


def test_numpy_reads_a_saved_model_as_the_readme_shows():
    """The README's NumPy lines predict what predict() does, to 1e-12."""
    try:
        import numpy as np
    except ImportError:
        skip("NumPy is not installed")
    import json
    net = Network([3, 5, 4, 3], seed=4, activation="tanh",
                  output_activation="softmax", loss="cross_entropy")
    net.scaler = Standardizer().fit([[1.0, 2.0, 3.0], [2.0, 0.0, 1.0]])
    X = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]]
    path = temp_path("numpy_model.json")
    try:
        net.save(path)
        with open(path) as f:
            m = json.load(f)
    finally:
        remove(path)

    def softmax_rows(z):
        e = np.exp(z - z.max(1, keepdims=True))
        return e / e.sum(1, keepdims=True)

    f = {"sigmoid": lambda z: 1 / (1 + np.exp(-z)), "tanh": np.tanh,
         "relu": lambda z: np.maximum(z, 0), "identity": lambda z: z,
         "softmax": softmax_rows}
    a = np.asarray(X, dtype=float)
    a = (a - m["scaler"]["mean"]) / np.array(m["scaler"]["std"])
    for k, W in enumerate(m["weights"]):
        z = a @ np.array(W) + (np.array(m["biases"][k]) if m["bias"] else 0)
        last = k == len(m["weights"]) - 1
        a = f[m["output_activation"] if last else m["activation"]](z)
    # Both add the same products, in another order: agreement to
    # about 1e-15 is expected; 1e-12 leaves room and still catches any
    # wrong layout (which would be off by 1e-2 or more).
    close(a.tolist(), net.predict(net.scaler.transform(X)), abs_tol=1e-12)


# --- Plain-script runner ---

def run_all():
    names = sorted(k for k in globals() if k.startswith("test_"))
    passed = failed = skipped = 0
    for name in names:
        try:
            globals()[name]()
        except Skip:
            skipped += 1
        except Exception as error:
            failed += 1
            print("FAIL %s: %s: %s" % (name, type(error).__name__, error))
        else:
            passed += 1
    line = "%d passed, %d failed" % (passed, failed)
    if skipped:
        line += ", %d skipped" % skipped
    print(line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(run_all())
