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


# --- Helpers ----------------------------------------------------------------

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


# --- Plain-script runner ----------------------------------------------------

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
