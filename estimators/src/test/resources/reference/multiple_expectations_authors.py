"""Reference for MultipleExpectationsAuthorsTest: the spread of the estimates of the authors' own
implementation of adaptive importance sampling with control variates for many expectations
(J. Demange-Chryst, F. Bachoc, J. Morio, arXiv:2212.00568; code at
https://github.com/Julien6431/Multiple_expectation_estimation, commit 0e78001, src/aISCV_algorithm.py),
run unchanged, and of plain Monte Carlo with the same budget, on two problems under p = N(0, I_d):

  gaussian_moments  d = 1, I_j = E x^(2j), j = 1..10, budget 20 000, criterion weights 1/I_j^2
                    (the authors' numerical_tests/Gaussian_moments.py); their committed run of 200
                    repetitions (data/Gaussian_moment_10.npz) is summarised as well
  rare_and_smooth   d = 2, 1{x1 > 3}, 1{x1 + x2 > 4}, exp(x1/2 + x2/2), x1^2, budget 20 000,
                    weights 1/I^2 (entropic's MultipleExpectationsExample)

For each problem and function: the truth, the mean and standard deviation of the estimates over
the repetitions, and the criterion sum_k w_k Var(I_k hat) that the authors' algorithm minimises.
The authors' code stops with an exception when a rare event is not hit in its first stage (the
normal fit to no points is degenerate): such runs are counted and left out of its spread, which
favours the authors' code in the comparison.
Needs python3-openturns (Debian) and a checkout of the authors' repository:
    /usr/bin/python3 multiple_expectations_authors.py --repo PATH [--reps 200] > multiple_expectations_authors.json
"""
import argparse, json, math, os, sys, time
import numpy as np
import openturns as ot
from scipy.stats import norm

ap = argparse.ArgumentParser()
ap.add_argument("--repo", required=True, help="checkout of Julien6431/Multiple_expectation_estimation")
ap.add_argument("--reps", type=int, default=200)
a = ap.parse_args()
sys.path.insert(0, os.path.join(a.repo, "src"))
from aISCV_algorithm import multiple_expectations_iscv  # noqa: E402

ot.RandomGenerator.SetSeed(20221201)
N = 20000


def summarise(name, truth, weights, runs, mc_runs, seconds, extra=None):
    runs, mc_runs = np.asarray(runs), np.asarray(mc_runs)
    out = {"problem": name, "budget": N, "repetitions": int(runs.shape[0]), "truth": list(map(float, truth)),
           "weights": list(map(float, weights)),
           "authors_mean": runs.mean(axis=0).tolist(), "authors_sd": runs.std(axis=0, ddof=1).tolist(),
           "authors_weighted_variance": float(np.sum(weights * runs.var(axis=0, ddof=1))),
           "mc_sd": mc_runs.std(axis=0, ddof=1).tolist(),
           "mc_weighted_variance": float(np.sum(weights * mc_runs.var(axis=0, ddof=1))),
           "authors_seconds_per_run": seconds}
    if extra:
        out.update(extra)
    return out


results = []

# gaussian moments
J = 10
truth = np.array([float(np.prod(np.arange(1, 2 * j, 2))) for j in range(1, J + 1)])
w = 1 / truth ** 2
phi = ot.PythonFunction(1, J, lambda x: [x[0] ** (2 * j) for j in range(1, J + 1)])
runs, mc = [], []
t0 = time.perf_counter()
for r in range(a.reps):
    est, _, _, _ = multiple_expectations_iscv(phi, w, ot.Normal(1), N_max=N, cross_entropy="SG")
    runs.append(est)
    x = np.array(ot.Normal(1).getSample(N))[:, 0]
    mc.append([np.mean(x ** (2 * j)) for j in range(1, J + 1)])
sec = (time.perf_counter() - t0) / a.reps
npz = np.load(os.path.join(a.repo, "numerical_tests", "data", "Gaussian_moment_10.npz"))
committed = npz["CV"]
extra = {"committed_run_repetitions": int(committed.shape[0]),
         "committed_run_sd": committed.std(axis=0, ddof=1).tolist(),
         "committed_run_weighted_variance": float(np.sum(w * committed.var(axis=0, ddof=1)))}
results.append(summarise("gaussian_moments", truth, w, runs, mc, sec, extra))

# rare events and smooth functions in d = 2
truth = np.array([norm.cdf(-3), norm.cdf(-4 / math.sqrt(2)), math.exp(0.25), 1.0])
w = 1 / truth ** 2
f = ot.PythonFunction(2, 4, lambda x: [1.0 if x[0] > 3 else 0.0, 1.0 if x[0] + x[1] > 4 else 0.0,
                                       math.exp(0.5 * x[0] + 0.5 * x[1]), x[0] ** 2])
p = ot.Normal(2)
runs, mc, failures = [], [], []
t0 = time.perf_counter()
for r in range(a.reps):
    try:
        est, _, _, _ = multiple_expectations_iscv(f, w, p, N_max=N, cross_entropy="SG")
        runs.append(est)
    except Exception as e:  # e.g. no hit of a rare event in the first stage: a degenerate normal fit
        failures.append(str(e).splitlines()[0][:200])
    x = np.array(p.getSample(N))
    mc.append([np.mean(x[:, 0] > 3), np.mean(x[:, 0] + x[:, 1] > 4), np.mean(np.exp(0.5 * x[:, 0] + 0.5 * x[:, 1])),
               np.mean(x[:, 0] ** 2)])
sec = (time.perf_counter() - t0) / a.reps
results.append(summarise("rare_and_smooth", truth, w, runs, mc, sec,
                         {"authors_failures": len(failures), "authors_failure_messages": sorted(set(failures))}))

json.dump({"source": "github.com/Julien6431/Multiple_expectation_estimation@0e78001 src/aISCV_algorithm.py",
           "openturns": ot.__version__, "results": results}, sys.stdout, indent=1)
print()
