"""Time backprop.py against NumPy, micrograd and PyTorch.

Run from the repository root:

    python benchmarks/bench.py [--quick] [--workload NAME[,NAME]]
                               [--repeat N]

Workloads (all three by default):

    tutorial  the 3-4-1 sigmoid network of the NumPy tutorial, without
              biases: 10,000 full-batch epochs on three samples, timed
              inside this process; the same loop written out for that
              one shape (written_out.py) is timed beside it
    process   the same run as whole programs, start-up and imports
              included: python backprop.py (its demo) against
              python benchmarks/numpy_tutorial.py (CPython and PyPy)
    large     one full-batch training epoch (forward, backward, update)
              of a 64-256-10 sigmoid network with biases, 256 samples

Each time is the median of --repeat runs (default 5; 3 with --quick),
and the contenders take turns, so a change in machine load hits all of
them alike. --quick also cuts the tutorial to 1,000 epochs. NumPy,
micrograd and PyTorch are used when they can be imported and show as
"-" otherwise. A ratio column is backprop's time divided by the other
program's: below 1, backprop is faster. The script itself needs only
the standard library, and runs on PyPy and MicroPython as well.
"""

import gc
import sys
import time

try:
    import os
    _ENVIRON = os.environ
except (ImportError, AttributeError):
    os = None
    _ENVIRON = None   # MicroPython: no environment mapping

if _ENVIRON is not None:
    # The matrices are small, and idle BLAS or OpenMP threads waiting
    # for work can stall NumPy on a busy machine. NumPy reads these when
    # it is imported, so they are set first; child processes inherit
    # them. PyTorch is held to one thread below, too.
    for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                  "MKL_NUM_THREADS"):
        _ENVIRON[_name] = "1"


def _folder(path):
    """Return the folder part of a file path ("" if there is none)."""
    path = path.replace("\\", "/")
    cut = path.rfind("/")
    if cut < 0:
        return ""
    return path[:cut] or "/"


# MicroPython's Unix port has no os.path, so the paths are cut by hand.
# HERE is this script's folder and ROOT the repository's, which holds
# backprop.py.
HERE = _folder(globals().get("__file__", "")) or sys.path[0] or "."
ROOT = _folder(HERE) or "."
if HERE == ".":
    ROOT = ".."
sys.path.insert(0, ROOT)
if HERE not in sys.path:
    sys.path.insert(1, HERE)   # for numpy_tutorial and written_out

import backprop  # noqa: E402  (found through the path set just above)
import written_out  # noqa: E402

try:
    import numpy
    import numpy_tutorial
except ImportError:
    numpy = None
    numpy_tutorial = None


WORKLOADS = ("tutorial", "process", "large")
USAGE = """\
usage: python benchmarks/bench.py [--quick] [--workload NAME[,NAME]]
                                  [--repeat N]
workloads: tutorial, process, large (default: all)"""

TUTORIAL_X = [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6], [0.7, 0.8, 0.9]]
TUTORIAL_Y = [[0.2], [0.5], [0.8]]
TUTORIAL_X_NEW = [[0.2, 0.4, 0.6]]
LEARNING_RATE = 0.1

# Multiply-adds of one sample through a network n_0-n_1-n_2: the
# forward pass does n_0 n_1 + n_1 n_2; the backward pass does as many
# for the weight gradients, and n_1 n_2 more to carry the deltas back
# to the hidden layer (none are carried to the inputs).
LARGE_SIZES = [64, 256, 10]
LARGE_BATCH = 256
LARGE_MADDS = LARGE_BATCH * (2 * 64 * 256 + 3 * 256 * 10)
TUTORIAL_MADDS = 3 * (2 * 3 * 4 + 3 * 4 * 1)   # per epoch

# Targets the project set itself, checked at the end of a run.
TARGET_TUTORIAL = 0.75        # backprop / NumPy, in-process
TARGET_PROCESS = 0.6          # backprop / NumPy, whole programs
TARGET_NS = {(3, 11): 24.0, (3, 13): 13.0}   # large, ns per multiply-add
TARGET_MICROGRAD = 30.0       # micrograd / backprop
TARGET_TORCH = 3.0            # PyTorch / backprop


class UsageError(Exception):
    pass


# --- Options and clock ------------------------------------------------------

def parse_args(argv):
    """Return (quick, workloads, repeat) from the command-line words.

    argparse is missing from MicroPython's WebAssembly build, so the
    few options are read here. repeat is None when not given.
    """
    quick, names, repeat = False, list(WORKLOADS), None
    i = 0
    while i < len(argv):
        word, value = argv[i], None
        if word.startswith("--") and "=" in word:
            word, value = word.split("=", 1)
        if word in ("-h", "--help"):
            print(USAGE)
            sys.exit(0)
        elif word == "--quick" and value is None:
            quick = True
        elif word in ("--workload", "--repeat"):
            if value is None:
                i += 1
                if i == len(argv):
                    raise UsageError("%s needs a value" % word)
                value = argv[i]
            if word == "--workload":
                names = _workloads(value)
            else:
                repeat = _repeat(value)
        else:
            raise UsageError("unknown argument %r" % argv[i])
        i += 1
    return quick, names, repeat


def _workloads(text):
    names = []
    for name in text.split(","):
        name = name.strip()
        if name not in WORKLOADS:
            raise UsageError("unknown workload %r; choose from %s"
                             % (name, ", ".join(WORKLOADS)))
        if name not in names:
            names.append(name)
    return names


def _repeat(text):
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise UsageError("--repeat needs a whole number >= 1, got %r"
                         % text)
    return n


if hasattr(time, "perf_counter"):
    def _clock():
        return time.perf_counter()

    def _seconds(start, stop):
        return stop - start
else:
    # MicroPython has no perf_counter. Its microsecond ticks wrap
    # around (after about 18 minutes on Unix); ticks_diff allows for it.
    def _clock():
        return time.ticks_us()

    def _seconds(start, stop):
        return time.ticks_diff(stop, start) * 1e-6


def median(values):
    """Return the median of a non-empty list of numbers."""
    ordered = sorted(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[half]
    return (ordered[half - 1] + ordered[half]) / 2.0


class Contender:
    """One program in a comparison: how to run it and read its answer.

    run() does the timed work and returns a model; answer(model) gives
    a number to compare across contenders, outside the timing. scale
    multiplies the measured time (for runs cut short on purpose).
    """

    def __init__(self, name, run, answer=None, scale=1.0):
        self.name = name
        self.run = run
        self.answer = answer
        self.scale = scale
        self.times = []
        self.model = None

    def time_once(self):
        gc.collect()
        start = _clock()
        self.model = self.run()
        self.times.append(_seconds(start, _clock()) * self.scale)

    def median(self):
        return median(self.times)


def race(contenders, repeat, budget=None):
    """Time every contender `repeat` times, taking turns.

    With a budget in seconds, stop after the first full round that
    ends past it (slow interpreters under --quick). Return the number
    of rounds run.
    """
    start = _clock()
    for done in range(1, repeat + 1):
        for contender in contenders:
            contender.time_once()
        if budget is not None and _seconds(start, _clock()) > budget:
            break
    return done


# --- The tutorial network in each library -----------------------------------

def tutorial_weights():
    """Return the tutorial's starting (W1, W2) as lists of rows."""
    net = backprop.Network([3, 4, 1], seed=42, bias=False)
    return ([list(row) for row in net.weights[0]],
            [list(row) for row in net.weights[1]])


def backprop_tutorial(epochs):
    net = backprop.Network([3, 4, 1], seed=42, bias=False)
    net.train(TUTORIAL_X, TUTORIAL_Y, epochs=epochs)
    return net


def backprop_answer(net):
    return net.predict(TUTORIAL_X_NEW)[0][0]


def numpy_answer(weights):
    return float(numpy_tutorial.forward(numpy.array(TUTORIAL_X_NEW),
                                        *weights)[1][0][0])


def written_out_answer(result):
    net = backprop.Network([3, 4, 1], bias=False)
    net.weights = list(result[:2])
    return backprop_answer(net)


def _array_tutorial(sigmoid, X, Y, W1, W2, epochs):
    # The NumPy program's loop, for any library whose arrays have @, .T
    # and in-place +=; the weights are updated in place.
    for _ in range(epochs):
        a1 = sigmoid(X @ W1)
        a2 = sigmoid(a1 @ W2)
        loss = ((Y - a2) ** 2).mean()   # noqa: F841  (computed, as there)
        d2 = (Y - a2) * a2 * (1.0 - a2)
        d1 = (d2 @ W2.T) * a1 * (1.0 - a1)
        W2 += (a1.T @ d2) * LEARNING_RATE
        W1 += (X.T @ d1) * LEARNING_RATE
    return W1, W2


def load_torch():
    """Return the torch module held to one thread, or None."""
    try:
        import torch
    except ImportError:
        return None
    torch.set_num_threads(1)
    return torch


def torch_tutorial(torch, W1_start, W2_start):
    f64 = torch.float64

    def run(epochs):
        X = torch.tensor(TUTORIAL_X, dtype=f64)
        Y = torch.tensor(TUTORIAL_Y, dtype=f64)
        W1 = torch.tensor(W1_start, dtype=f64)
        W2 = torch.tensor(W2_start, dtype=f64)
        with torch.no_grad():
            return _array_tutorial(torch.sigmoid, X, Y, W1, W2, epochs)

    def answer(weights):
        W1, W2 = weights
        x = torch.tensor(TUTORIAL_X_NEW, dtype=f64)
        return float(torch.sigmoid(torch.sigmoid(x @ W1) @ W2)[0][0])

    return run, answer


def load_micrograd():
    """Return (Value, sigmoid for Values, how sigmoid is built) or None."""
    try:
        from micrograd.engine import Value
    except ImportError:
        return None
    if hasattr(Value, "tanh"):
        def sigmoid(v):
            return 0.5 * ((v * 0.5).tanh() + 1.0)
        how = "0.5*(1 + tanh(z/2)) from micrograd's ops"
    elif hasattr(Value, "exp"):
        def sigmoid(v):
            return ((-v).exp() + 1.0) ** -1
        how = "1/(1 + exp(-z)) from micrograd's ops"
    else:
        # This micrograd has neither exp nor tanh, so sigmoid is added
        # the way micrograd adds every operation: one node holding its
        # value and a closure for its local derivative, s (1 - s).
        import math

        def sigmoid(v):
            s = 1.0 / (1.0 + math.exp(-v.data))
            out = Value(s, (v,), "sigmoid")

            def _backward():
                v.grad += s * (1.0 - s) * out.grad
            out._backward = _backward
            return out
        how = "one added Value node (no exp or tanh here)"
    return Value, sigmoid, how


def micrograd_tutorial(Value, sigmoid, W1_start, W2_start):
    def run(epochs):
        W1 = [[Value(w) for w in row] for row in W1_start]
        W2 = [[Value(w) for w in row] for row in W2_start]
        params = [w for row in W1 + W2 for w in row]
        for _ in range(epochs):
            # E = 1/2 sum (a2 - y)^2 gives the NumPy program's steps;
            # the reported loss is the mean square, from plain floats.
            E = 0.0
            squares = 0.0
            for x, y in zip(TUTORIAL_X, TUTORIAL_Y):
                a1 = [sigmoid(sum(W1[i][j] * x[i] for i in range(len(x))))
                      for j in range(len(W2))]
                a2 = sigmoid(sum(a1[j] * W2[j][0] for j in range(len(a1))))
                error = a2 - y[0]
                E = E + 0.5 * error * error
                squares += error.data * error.data
            loss = squares / len(TUTORIAL_X)   # noqa: F841
            for p in params:
                p.grad = 0.0
            E.backward()
            for p in params:
                p.data -= LEARNING_RATE * p.grad
        return W1, W2

    def answer(weights):
        W1, W2 = weights
        x = TUTORIAL_X_NEW[0]
        a1 = [sigmoid(sum(W1[i][j] * x[i] for i in range(len(x))))
              for j in range(len(W2))]
        return sigmoid(sum(a1[j] * W2[j][0] for j in range(len(a1)))).data

    return run, answer


def bench_tutorial(quick, repeat, budget, torch, micrograd, notes):
    """Time the tutorial network; return its table row as a dict."""
    epochs = 1000 if quick else 10000
    mg_epochs = 100 if quick else 500
    W1, W2 = tutorial_weights()
    bp = Contender("backprop", lambda: backprop_tutorial(epochs),
                   backprop_answer)
    contenders = [bp]
    np_run = None
    if numpy is not None:
        np_run = Contender("NumPy",
                           lambda: numpy_tutorial.train(epochs=epochs),
                           numpy_answer)
        contenders.append(np_run)
    if micrograd is not None:
        mg_run, mg_answer = micrograd_tutorial(micrograd[0], micrograd[1],
                                               W1, W2)
        contenders.append(Contender("micrograd", lambda: mg_run(mg_epochs),
                                    mg_answer, float(epochs) / mg_epochs))
    if torch is not None:
        pt_run, pt_answer = torch_tutorial(torch, W1, W2)
        contenders.append(Contender("PyTorch", lambda: pt_run(epochs),
                                    pt_answer))
    # The same loop spelt out for this one shape, every weight a local
    # variable: what backprop's generality costs here.
    by_hand = Contender("written out", lambda: written_out.train(
        W1, W2, TUTORIAL_X, TUTORIAL_Y, epochs, LEARNING_RATE),
        written_out_answer)
    contenders.append(by_hand)
    rounds = race(contenders, repeat, budget)

    notes.append("tutorial: %s epochs of %d multiply-adds each%s"
                 % (_grouped(epochs), TUTORIAL_MADDS, _cut(rounds, repeat)))
    if micrograd is not None:
        notes.append("  micrograd: %d epochs a run, time scaled x%d"
                     % (mg_epochs, epochs // mg_epochs))
        notes.append("  micrograd sigmoid: %s" % micrograd[2])
    # Every contender should end with the same network; micrograd is
    # compared with backprop trained for as many epochs as it was.
    reference = backprop_answer(bp.model)
    parts = []
    for contender in contenders[1:]:
        value = contender.answer(contender.model)
        if contender.name == "micrograd":
            short = backprop_answer(backprop_tutorial(mg_epochs))
            parts.append("micrograd %.1g" % abs(value - short))
        else:
            parts.append("%s %.1g" % (contender.name,
                                      abs(value - reference)))
    if parts:
        notes.append("  prediction differs from backprop's by: "
                     + ", ".join(parts))
    notes.append(_spread(bp))
    line = ("  written out for this one shape (benchmarks/written_out.py): "
            "%s, %.2gx backprop's time"
            % (_duration(by_hand.median()), by_hand.median() / bp.median()))
    if np_run is not None:
        line += ", %.2gx NumPy's" % (by_hand.median() / np_run.median())
    notes.append(line)
    row = _row("tutorial", contenders)
    row["ns"] = bp.median() / (epochs * TUTORIAL_MADDS) * 1e9
    return row


# --- The large network ------------------------------------------------------

def large_data():
    """Return seeded inputs on [0, 1) and one-hot targets of 10 classes."""
    rng = backprop.MersenneTwister(2024)
    X = [[rng.random() for _ in range(LARGE_SIZES[0])]
         for _ in range(LARGE_BATCH)]
    Y = []
    for _ in range(LARGE_BATCH):
        row = [0.0] * LARGE_SIZES[-1]
        row[rng.randbelow(LARGE_SIZES[-1])] = 1.0
        Y.append(row)
    return X, Y


def _array_epoch(sigmoid, X, Y, W1, b1, W2, b2):
    # One full-batch epoch, as backprop.Network.train does it: the
    # loss, then steps down the gradients of E = 1/2 sum (a2 - y)^2.
    a1 = sigmoid(X @ W1 + b1)
    a2 = sigmoid(a1 @ W2 + b2)
    loss = ((a2 - Y) ** 2).mean()
    dz2 = (a2 - Y) * a2 * (1.0 - a2)
    dz1 = (dz2 @ W2.T) * a1 * (1.0 - a1)
    W2 -= (a1.T @ dz2) * LEARNING_RATE
    b2 -= dz2.sum(0) * LEARNING_RATE
    W1 -= (X.T @ dz1) * LEARNING_RATE
    b1 -= dz1.sum(0) * LEARNING_RATE
    return loss


def _numpy_sigmoid(z):
    return 1.0 / (1.0 + numpy.exp(-z))


def bench_large(repeat, budget, torch, notes):
    """Time one epoch of the 64-256-10 network; return its row."""
    X, Y = large_data()
    # Uniform [0, 1) weights, the default for sigmoid layers, saturate
    # units with 64 or 256 inputs (z near 16 and 128): the deltas are
    # then 0 and the weights never move, which would leave the check
    # below nothing to compare. Glorot's range keeps them moving; the
    # work per epoch is the same either way.
    net = backprop.Network(LARGE_SIZES, seed=1, init="xavier")
    start = [net.weights[0], net.biases[0], net.weights[1], net.biases[1]]
    contenders = [Contender("backprop",
                            lambda: net.train(X, Y, epochs=1), None)]
    # The same dot products with nothing around them: the fastest this
    # interpreter could run the epoch with backprop's kernel.
    ceiling = Contender("dots alone", _dot_products_only(X))
    # The arrays are made before timing and start from backprop's
    # weights; each library then trains its own copy in place, and
    # returns its weights and biases.
    if numpy is not None:
        n_args = [numpy.array(m, dtype=numpy.float64)
                  for m in [X, Y] + start]

        def numpy_epoch():
            _array_epoch(_numpy_sigmoid, *n_args)
            return n_args[2:]
        contenders.append(Contender("NumPy", numpy_epoch))
    if torch is not None:
        t_args = [torch.tensor(m, dtype=torch.float64)
                  for m in [X, Y] + start]

        def torch_epoch():
            with torch.no_grad():
                _array_epoch(torch.sigmoid, *t_args)
            return t_args[2:]
        contenders.append(Contender("PyTorch", torch_epoch))
    rounds = race(contenders + [ceiling], repeat, budget)

    notes.append("large: sizes %r, batch B = %d, xavier init%s"
                 % (LARGE_SIZES, LARGE_BATCH, _cut(rounds, repeat)))
    notes.append("  %s multiply-adds = B*(2*64*256 + 3*256*10)"
                 % _grouped(LARGE_MADDS))
    notes.append("  NumPy/PyTorch arrays built before timing; micrograd "
                 "not run (~10^7 nodes)")
    # After the same number of epochs from the same start, every copy
    # of the network should hold the same weights.
    ours = [net.weights[0], net.biases[0], net.weights[1], net.biases[1]]
    parts = ["%s %.1g" % (contender.name,
                          _largest_gap(ours, contender.model))
             for contender in contenders[1:]]
    if parts:
        notes.append("  weights differ from backprop's after %d epochs "
                     "by: %s" % (rounds, ", ".join(parts)))
    notes.append("  the same dot products alone (%s): %.1f ns per "
                 "multiply-add; the epoch takes %.2fx that"
                 % (getattr(backprop, "DOT_KERNEL", "unknown"),
                    ceiling.median() / LARGE_MADDS * 1e9,
                    contenders[0].median() / ceiling.median()))
    notes.append(_spread(contenders[0]))
    row = _row("large", contenders)
    row["ns"] = contenders[0].median() / LARGE_MADDS * 1e9
    return row


def _dot_products_only(X):
    """Return run(): one epoch's dot products of the large network,
    on lists of the same shapes, with no other work."""
    rng = backprop.MersenneTwister(7)
    n_in, n_hidden, n_out = LARGE_SIZES

    def matrix(rows, columns):
        return [[rng.random() - 0.5 for _ in range(columns)]
                for _ in range(rows)]

    dot = backprop.dot
    H = matrix(LARGE_BATCH, n_hidden)
    W1t, W2t = matrix(n_hidden, n_in), matrix(n_out, n_hidden)
    dZ2, dZ1 = matrix(LARGE_BATCH, n_out), matrix(LARGE_BATCH, n_hidden)
    Xt, Ht = list(zip(*X)), list(zip(*H))
    dZ2t, dZ1t, W2 = list(zip(*dZ2)), list(zip(*dZ1)), list(zip(*W2t))

    def run():
        for x in X:                                 # z1 = x W1
            [dot(x, w) for w in W1t]
        for h in H:                                 # z2 = h W2
            [dot(h, w) for w in W2t]
        [dot(g, h) for g in dZ2t for h in Ht]       # dW2 = H^T dZ2
        for g in dZ2:                               # dH = dZ2 W2^T
            [dot(g, w) for w in W2]
        [dot(g, x) for g in dZ1t for x in Xt]       # dW1 = X^T dZ1
    return run


def _largest_gap(ours, theirs):
    """Return the largest |a - b| between lists and their array twins."""
    gap = 0.0
    for mine, array in zip(ours, theirs):
        other = array.tolist()
        if not isinstance(mine[0], list):
            mine, other = [mine], [other]
        for row_a, row_b in zip(mine, other):
            for a, b in zip(row_a, row_b):
                gap = max(gap, abs(a - b))
    return gap


# --- Whole programs ---------------------------------------------------------

def bench_process(repeat, budget, notes):
    """Time python backprop.py and the NumPy program as subprocesses."""
    name = sys.implementation.name
    if name not in ("cpython", "pypy") or sys.platform == "emscripten":
        notes.append("process: skipped (no subprocesses on %s)" % name)
        return None
    import subprocess

    def program(path):
        command = [sys.executable, path]

        def run():
            done = subprocess.run(command, cwd=root,
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.PIPE)
            if done.returncode:
                raise RuntimeError("%s failed:\n%s" % (
                    " ".join(command), done.stderr.decode()))
        return run

    root = os.path.abspath(ROOT)
    contenders = [Contender("backprop", program(
        os.path.join(root, "backprop.py")))]
    if numpy is not None:
        contenders.append(Contender("NumPy", program(
            os.path.join(os.path.abspath(HERE), "numpy_tutorial.py"))))
    for contender in contenders:
        contender.run()   # warm the file cache; not timed
    rounds = race(contenders, repeat, budget)
    notes.append("process: wall time of whole runs (start-up, imports, "
                 "10,000 epochs, output)%s" % _cut(rounds, repeat))
    notes.append(_spread(contenders[0]))
    return _row("process", contenders)


# --- Report -----------------------------------------------------------------

COLUMNS = (("NumPy", "np"), ("micrograd", "mg"), ("PyTorch", "pt"))


def _cut(rounds, repeat):
    if rounds < repeat:
        return "; %d of %d runs (time limit)" % (rounds, repeat)
    return ""


def _spread(contender):
    """Describe the fastest and slowest runs (a wide gap means noise)."""
    return "  %s runs: fastest %s, slowest %s" % (
        contender.name, _duration(min(contender.times)),
        _duration(max(contender.times)))


def _row(name, contenders):
    row = {"name": name}
    for contender in contenders:
        row[contender.name] = contender.median()
    return row


def _grouped(n):
    """Return the integer n written with commas between thousands."""
    text = "%d" % n
    groups = []
    while len(text) > 3:
        groups.insert(0, text[-3:])
        text = text[:-3]
    groups.insert(0, text)
    return ",".join(groups)


def _duration(seconds):
    if seconds is None:
        return "-"
    if seconds >= 10:
        return "%.1f s" % seconds
    if seconds >= 1:
        return "%.2f s" % seconds
    if seconds >= 1e-3:
        return "%.1f ms" % (seconds * 1e3)
    return "%.0f us" % (seconds * 1e6)


def print_table(rows):
    line = "%-9s %9s" % ("workload", "backprop")
    for title, short in COLUMNS:
        line += " %9s %6s" % (title, "bp/" + short)
    print(line + " %7s" % "ns/madd")
    for row in rows:
        ours = row["backprop"]
        line = "%-9s %9s" % (row["name"], _duration(ours))
        for title, _ in COLUMNS:
            theirs = row.get(title)
            ratio = "-" if theirs is None else "%.3g" % (ours / theirs)
            line += " %9s %6s" % (_duration(theirs), ratio)
        ns = row.get("ns")
        print(line + " %7s" % ("-" if ns is None else "%.1f" % ns))


def targets(rows):
    """Return lines saying which of the project's targets were met."""
    found = {}
    for row in rows:
        found[row["name"]] = row
    checks = []   # (what, value as text, goal as text, value / goal)
    for name, goal in (("tutorial", TARGET_TUTORIAL),
                       ("process", TARGET_PROCESS)):
        row = found.get(name)
        if row is not None and row.get("NumPy") is not None:
            ratio = row["backprop"] / row["NumPy"]
            checks.append(("%s, backprop/NumPy" % name, "%.2f" % ratio,
                           "<= %.2f" % goal, ratio / goal))
    row = found.get("large")
    version = tuple(sys.version_info[:2])
    if row is not None and sys.implementation.name == "cpython" \
            and version in TARGET_NS:
        goal = TARGET_NS[version]
        checks.append(("large, ns/madd (CPython %d.%d)" % version,
                       "%.1f" % row["ns"], "<= %g" % goal,
                       row["ns"] / goal))
    row = found.get("tutorial")
    for title, goal in (("micrograd", TARGET_MICROGRAD),
                        ("PyTorch", TARGET_TORCH)):
        if row is not None and row.get(title) is not None:
            speedup = row[title] / row["backprop"]
            checks.append(("tutorial, %s/backprop" % title,
                           "%.1fx" % speedup, ">= %gx" % goal,
                           goal / speedup))
    lines = []
    for what, value, goal, excess in checks:
        if excess <= 1.0:
            verdict = "met"
        else:
            # excess is how many times too slow backprop is, so its
            # time has to shrink by the fraction 1 - 1/excess.
            verdict = "MISSED: cut time by %.0f%%" % (
                100.0 * (1.0 - 1.0 / excess))
        lines.append("  %-30s %6s %-7s %s" % (what, value, goal, verdict))
    return lines


def describe_machine():
    """Return lines naming the interpreter, libraries and machine."""
    impl = sys.implementation
    version = ".".join(str(part) for part in impl.version[:3])
    # MicroPython's sys.version reads "3.4.0; MicroPython v1.27.0 ..."
    python = sys.version.split(";")[0].split(" ")[0]
    lines = ["interpreter: %s %s (Python %s, %s)"
             % (impl.name, version, python, sys.platform),
             "backprop %s, dot kernel: %s"
             % (getattr(backprop, "__version__", "?"),
                getattr(backprop, "DOT_KERNEL", "unknown"))]
    cpu = _cpu_name()
    load = ""
    if (os is not None and hasattr(os, "getloadavg")
            and sys.platform != "emscripten"):
        load = ", load average %.2f" % os.getloadavg()[0]
    if cpu or load:
        lines.append("machine: %s%s" % (cpu or "unknown CPU", load))
    return lines


def _cpu_name():
    try:
        with open("/proc/cpuinfo") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except (OSError, ImportError):
        pass
    return ""


def _version_of(module, distribution):
    version = getattr(module, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as lookup
            version = lookup(distribution)
        except Exception:   # no importlib.metadata, or not installed so
            version = "?"
    return version


def describe_comparisons(torch, micrograd):
    found, missing = [], []
    for title, module, distribution in (
            ("NumPy", numpy, "numpy"),
            ("micrograd", micrograd and sys.modules.get("micrograd"),
             "micrograd"),
            ("PyTorch", torch, "torch")):
        if module:
            found.append("%s %s" % (title, _version_of(module,
                                                       distribution)))
        else:
            missing.append(title)
    text = "compared with: " + (", ".join(found) or "nothing")
    if numpy is not None or torch is not None:
        text += " (1 thread)"
    if missing:
        text += "; not installed: " + ", ".join(missing)
    return text


def main(argv=None):
    if argv is None:
        argv = sys.argv[1:]
    try:
        quick, names, repeat = parse_args(argv)
    except UsageError as problem:
        sys.stderr.write("bench.py: %s\n%s\n" % (problem, USAGE))
        return 2
    budget = None
    if repeat is None:
        repeat = 3 if quick else 5
        if quick:
            budget = 10.0   # seconds a workload may take, roughly
    torch = None
    if "tutorial" in names or "large" in names:
        torch = load_torch()
    micrograd = load_micrograd() if "tutorial" in names else None

    for line in describe_machine():
        print(line)
    print(describe_comparisons(torch, micrograd))
    print("median of %d runs%s" % (repeat, ", --quick" if quick else ""))
    print("")
    rows, notes = [], []
    for name in names:
        print("timing %s ..." % name)
        try:
            if name == "tutorial":
                row = bench_tutorial(quick, repeat, budget, torch,
                                     micrograd, notes)
            elif name == "large":
                row = bench_large(repeat, budget, torch, notes)
            else:
                row = bench_process(repeat, budget, notes)
        except MemoryError:
            # A float takes a 32-byte heap block on 64-bit MicroPython,
            # so one 256 x 256 matrix of them needs 2.6 MB; the large
            # epoch wanted about 40 MB, more than pyall's default 16 MB.
            notes.append("%s: ran out of memory, left out (MicroPython: "
                         "try -X heapsize=64M)" % name)
            row = None
        if row is not None:
            rows.append(row)
    print_table(rows)
    print("")
    for line in notes:
        print(line)
    lines = targets(rows)
    if lines:
        print("")
        note = " (indicative only with --quick)" if quick else ""
        print("targets%s:" % note)
        for line in lines:
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
