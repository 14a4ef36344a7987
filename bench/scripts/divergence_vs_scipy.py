#!/usr/bin/env python3
"""Side-by-side timing and agreement of entropic's discrete divergences with scipy / numpy.

The same seeded problem on both sides: p and q are two independent Dirichlet(1, ..., 1) vectors of
length n drawn with numpy (``default_rng(seed).standard_exponential`` normalised), written to
``p.npy`` and ``q.npy`` in a work directory. The peer (scipy ``rel_entr``/``jensenshannon`` and
numpy formulas) is timed in this process; entropic is timed in-process by the Java main
``dev.entropic.bench.PeerTiming`` from the shaded bench jar, which reads the same files, warms the
JIT up for ``--warmup-seconds`` per kind, then reports best-of-N seconds per kind as JSON.
Neither side's timing includes process start-up or file reading.

Prints a table: our value, the peer's value, their relative difference, the peer's best time, our
best times (public ``between(double[], double[])`` with validation and copies, and ``between`` on
prebuilt ``DiscreteDistribution``s), and the ratios peer time / our time (> 1: entropic faster).

Build first:  ./mvnw -B -pl bench -am package -DskipTests
Run:          python3 bench/scripts/divergence_vs_scipy.py [--n 1000000] [--seed 42] [--repeats 20]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np
import scipy
from scipy.spatial.distance import jensenshannon
from scipy.special import rel_entr

KINDS = ["kl", "reverse-kl", "js", "squared-hellinger", "hellinger", "tv", "chi2",
         "neyman-chi2", "jeffreys", "triangular", "alpha", "renyi"]


def peer_functions(alpha):
    """The peer's expression for each kind (scipy where scipy has one, numpy otherwise)."""
    a = alpha

    def power_sum(p, q):
        return np.sum(p ** a * q ** (1 - a))

    return {
        "kl": lambda p, q: rel_entr(p, q).sum(),
        "reverse-kl": lambda p, q: rel_entr(q, p).sum(),
        "js": lambda p, q: jensenshannon(p, q) ** 2,
        "squared-hellinger": lambda p, q: 0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2),
        "hellinger": lambda p, q: np.sqrt(0.5 * np.sum((np.sqrt(p) - np.sqrt(q)) ** 2)),
        "tv": lambda p, q: 0.5 * np.abs(p - q).sum(),
        "chi2": lambda p, q: np.sum((p - q) ** 2 / q),
        "neyman-chi2": lambda p, q: np.sum((p - q) ** 2 / p),
        "jeffreys": lambda p, q: np.sum(rel_entr(p, q) + rel_entr(q, p)),
        "triangular": lambda p, q: np.sum((p - q) ** 2 / (p + q)),
        "alpha": lambda p, q: (power_sum(p, q) - 1) / (a * (a - 1)),
        "renyi": lambda p, q: np.log(power_sum(p, q)) / (a - 1),
    }


def best_of(f, p, q, repeats):
    value = f(p, q)  # first call outside the timing (imports, caches)
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        value = f(p, q)
        best = min(best, time.perf_counter() - t0)
    return float(value), best


def default_jar():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "target", "entropic-bench.jar")


def default_java():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "java")):
        return os.path.join(home, "bin", "java")
    return shutil.which("java") or "java"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--alpha", type=float, default=0.5, help="order of alpha and renyi")
    ap.add_argument("--repeats", type=int, default=20, help="best of N, both sides")
    ap.add_argument("--warmup-seconds", type=float, default=2.0, help="JVM warm-up per kind")
    ap.add_argument("--kinds", default=",".join(KINDS))
    ap.add_argument("--jar", default=default_jar())
    ap.add_argument("--java", default=default_java())
    ap.add_argument("--workdir", default=None, help="where p.npy, q.npy go (default: a temp dir)")
    ap.add_argument("--jvm-per-kind", action="store_true",
                    help="time each kind in a fresh JVM (a clean JIT profile, as JMH forks do) "
                         "instead of all kinds in one JVM")
    ap.add_argument("--json", action="store_true", help="also print the raw results as JSON")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    if not os.path.exists(args.jar):
        sys.exit(f"{args.jar} not found: build it with ./mvnw -B -pl bench -am package -DskipTests")

    rng = np.random.default_rng(args.seed)
    x = rng.standard_exponential(args.n)
    y = rng.standard_exponential(args.n)
    p = x / x.sum()
    q = y / y.sum()

    workdir = args.workdir or tempfile.mkdtemp(prefix="entropic-bench-")
    os.makedirs(workdir, exist_ok=True)
    p_file, q_file = os.path.join(workdir, "p.npy"), os.path.join(workdir, "q.npy")
    np.save(p_file, p)
    np.save(q_file, q)

    def run_java(kind_list):
        cmd = [args.java, "-Xms1g", "-Xmx1g", "-cp", args.jar, "dev.entropic.bench.PeerTiming",
               "--p", p_file, "--q", q_file, "--kinds", ",".join(kind_list),
               "--alpha", repr(args.alpha), "--repeats", str(args.repeats),
               "--warmup-seconds", repr(args.warmup_seconds)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr.strip()}")
        return json.loads(done.stdout)

    try:
        if args.jvm_per_kind:
            runs = [run_java([k]) for k in kinds]
            ours = dict(runs[0], results=[r for run in runs for r in run["results"]])
        else:
            ours = run_java(kinds)
    finally:
        if args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    by_kind = {r["kind"]: r for r in ours["results"]}

    peers = peer_functions(args.alpha)
    rows = []
    for kind in kinds:
        value, seconds = best_of(peers[kind], p, q, args.repeats)
        r = by_kind[kind]
        rel = abs(r["value"] - value) / abs(value)
        rows.append(dict(kind=kind, ours=r["value"], peer=value, rel_diff=rel, peer_s=seconds,
                         arrays_s=r["arraysSeconds"], dist_s=r["distributionsSeconds"],
                         kernel_s=r["kernelSeconds"], naive_s=r["naiveSeconds"]))

    print(f"n={args.n} seed={args.seed} alpha={args.alpha} best of {args.repeats}; "
          f"numpy {np.__version__}, scipy {scipy.__version__}; "
          f"java {ours['java']} ({ours['vm']}), warm-up {ours['warmupSeconds']} s per kind, "
          f"{'one JVM per kind' if args.jvm_per_kind else 'all kinds in one JVM'}")
    head = (f"{'kind':<18} {'entropic':>22} {'peer':>22} {'rel diff':>9} {'peer ms':>8} "
            f"{'ours ms':>8} {'ratio':>6} {'dist ms':>8} {'ratio':>6} {'kernel ms':>9} {'naive ms':>8}")
    print(head)
    print("-" * len(head))
    for r in rows:
        print(f"{r['kind']:<18} {r['ours']:>22.16g} {r['peer']:>22.16g} {r['rel_diff']:>9.1e} "
              f"{1e3 * r['peer_s']:>8.4g} {1e3 * r['arrays_s']:>8.4g} {r['peer_s'] / r['arrays_s']:>6.2f} "
              f"{1e3 * r['dist_s']:>8.4g} {r['peer_s'] / r['dist_s']:>6.2f} "
              f"{1e3 * r['kernel_s']:>9.4g} {1e3 * r['naive_s']:>8.4g}")
    print("ratio = peer time / entropic time (> 1: entropic faster); 'ours' = between(double[], double[])"
          " incl. validation and copies, 'dist' = between(DiscreteDistribution, DiscreteDistribution),"
          " 'kernel' = evaluation loop alone, 'naive' = plain Java loop of the textbook formula.")
    if args.json:
        print(json.dumps(dict(n=args.n, seed=args.seed, alpha=args.alpha, java=ours, rows=rows)))


if __name__ == "__main__":
    main()
