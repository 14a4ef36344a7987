#!/usr/bin/python3
"""Reference values of the discrete f-divergences for DiscreteReferenceTest.

Run from this directory with /usr/bin/python3 (scipy 1.10.1, numpy 1.24, mpmath 1.2.1):

    /usr/bin/python3 discrete_divergences.py

writes discrete_divergences.json next to this script. Deterministic (numpy PCG64, seed 20261122).

For every case (a pair p, q of probability vectors) and every kind it records
  * "truth": the divergence of the exactly normalised inputs p/sum(p), q/sum(q), evaluated from the
    textbook definition with mpmath at 50 significant digits plus the decimal exponent of the
    smallest positive mass (so that normalising by 1 + 5e-295 is not lost), as a string with 25
    digits, or "Infinity";
  * "peers": what scipy (or numpy, where scipy has no function) returns in double precision, keyed by
    the expression that produced it (string; "NaN" where scipy returns NaN).

The inputs are written with repr(), which round-trips doubles exactly. Each vector is adjusted so
that its Neumaier-compensated sum (what entropic's DiscreteDistribution.ofProbabilities divides by) is
exactly 1.0, so the Java side evaluates exactly the doubles written here; the truth normalises them
exactly anyway.

Cases: random Dirichlet pairs with sizes 2..1000; exact zeros in p, in q and in both; near-zero
masses (1e-300..1e-20, and a subnormal); nearly disjoint supports; and p ~ q pairs
q_i = p_i (1 + d u_i), u_i uniform in (-1, 1), with relative perturbations d = 1e-3 .. 1e-10, where
the naive sum of p ln(p/q) loses up to all its digits.
"""
import json
import math
import os
import sys

import mpmath
import numpy as np
import scipy
import scipy.spatial.distance as ssd
import scipy.special as sp
import scipy.stats as st
from mpmath import mp

DIGITS = 50
mp.dps = DIGITS
SEED = 20261122

ALPHA_ORDERS = [-0.5, 0.0, 0.5, 0.999, 1.0, 2.0]
RENYI_ORDERS = [0.0, 0.5, 0.999, 1.0, 2.0]
PLAIN_KINDS = ["kl", "reverse-kl", "js", "squared-hellinger", "hellinger", "tv", "chi2",
               "neyman-chi2", "jeffreys", "triangular"]


def neumaier(xs):
    """The compensated sum of dev.entropic.core.Numerics.sum, operation for operation."""
    s = 0.0
    c = 0.0
    for x in xs:
        t = s + x
        if abs(s) >= abs(x):
            c += (s - t) + x
        else:
            c += (x - t) + s
        s = t
    return s + c


def exactly_normalised(w):
    """Doubles proportional to w whose Neumaier sum is exactly 1.0 (so Java divides by 1.0)."""
    p = [float(x) for x in np.asarray(w, dtype=float) / math.fsum(w)]
    for _ in range(20):
        s = neumaier(p)
        if s == 1.0:
            return p
        p = [x / s for x in p]
    # Nudge the largest entry by ulps until the compensated total is exactly one.
    k = max(range(len(p)), key=lambda i: p[i])
    for _ in range(64):
        s = neumaier(p)
        if s == 1.0:
            return p
        p[k] = math.nextafter(p[k], -math.inf if s > 1.0 else math.inf)
    raise RuntimeError("could not normalise")


# ------------------------------------------------------------------ truth (mpmath, 50 digits)

def mp_vectors(p, q):
    P = [mpmath.mpf(x) for x in p]
    Q = [mpmath.mpf(x) for x in q]
    sp_, sq = mp.fsum(P), mp.fsum(Q)
    return [x / sp_ for x in P], [x / sq for x in Q]


def mp_kl(P, Q):
    s = mpmath.mpf(0)
    for a, b in zip(P, Q):
        if a == 0:
            continue
        if b == 0:
            return mpmath.inf
        s += a * mpmath.log(a / b)
    return s


def mp_alpha_sum(P, Q, a):
    """sum p^a q^(1-a) over the points where the summand is defined (0^positive = 0)."""
    s = mpmath.mpf(0)
    for x, y in zip(P, Q):
        if x == 0 and y == 0:
            continue
        if x == 0:
            if a < 0:
                return mpmath.inf
            if a == 0:
                s += y
            continue
        if y == 0:
            if a > 1:
                return mpmath.inf
            if a == 1:
                s += x
            continue
        s += mpmath.power(x, a) * mpmath.power(y, 1 - a)
    return s


def mp_truth(kind, alpha, P, Q):
    if kind == "kl":
        return mp_kl(P, Q)
    if kind == "reverse-kl":
        return mp_kl(Q, P)
    if kind == "js":
        M = [(a + b) / 2 for a, b in zip(P, Q)]
        return (mp_kl(P, M) + mp_kl(Q, M)) / 2
    if kind in ("squared-hellinger", "hellinger"):
        h2 = mp.fsum((mpmath.sqrt(a) - mpmath.sqrt(b)) ** 2 for a, b in zip(P, Q)) / 2
        return h2 if kind == "squared-hellinger" else mpmath.sqrt(h2)
    if kind == "tv":
        return mp.fsum(abs(a - b) for a, b in zip(P, Q)) / 2
    if kind == "chi2":
        s = mpmath.mpf(0)
        for a, b in zip(P, Q):
            if b == 0:
                if a > 0:
                    return mpmath.inf
                continue
            s += (a - b) ** 2 / b
        return s
    if kind == "neyman-chi2":
        return mp_truth("chi2", None, Q, P)
    if kind == "jeffreys":
        return mp_kl(P, Q) + mp_kl(Q, P)
    if kind == "triangular":
        return mp.fsum((a - b) ** 2 / (a + b) for a, b in zip(P, Q) if a + b > 0)
    if kind == "alpha":
        if alpha == 1:
            return mp_kl(P, Q)
        if alpha == 0:
            return mp_kl(Q, P)
        a = mpmath.mpf(alpha)
        s = mp_alpha_sum(P, Q, a)
        if s == mpmath.inf:
            return mpmath.inf
        return (s - 1) / (a * (a - 1))
    if kind == "renyi":
        if alpha == 1:
            return mp_kl(P, Q)
        if alpha == 0:
            s = mp.fsum(b for a, b in zip(P, Q) if a > 0)
            return mpmath.inf if s == 0 else -mpmath.log(s)
        a = mpmath.mpf(alpha)
        s = mp_alpha_sum(P, Q, a)
        if s == mpmath.inf:
            return mpmath.inf
        if s == 0:
            return mpmath.inf
        return mpmath.log(s) / (a - 1)
    raise ValueError(kind)


def mp_string(v):
    if v == mpmath.inf:
        return "Infinity"
    if v > mpmath.mpf(sys.float_info.max):
        return "Infinity"  # beyond the double range: the correctly rounded double is +inf
    return mpmath.nstr(v, 25, min_fixed=1, max_fixed=0)


# ------------------------------------------------------------------ peers (scipy 1.10, double)

def f2s(v):
    v = float(v)
    if math.isnan(v):
        return "NaN"
    if math.isinf(v):
        return "Infinity" if v > 0 else "-Infinity"
    return repr(v)


def peers(kind, alpha, p, q):
    p = np.asarray(p)
    q = np.asarray(q)
    out = {}
    with np.errstate(all="ignore"):
        if kind == "kl":
            out["scipy.special.rel_entr(p,q).sum()"] = np.sum(sp.rel_entr(p, q))
            out["scipy.special.kl_div(p,q).sum()"] = np.sum(sp.kl_div(p, q))
            out["scipy.stats.entropy(p,q)"] = st.entropy(p, q)
        elif kind == "reverse-kl":
            out["scipy.special.rel_entr(q,p).sum()"] = np.sum(sp.rel_entr(q, p))
            out["scipy.stats.entropy(q,p)"] = st.entropy(q, p)
        elif kind == "js":
            out["scipy.spatial.distance.jensenshannon(p,q)**2"] = ssd.jensenshannon(p, q) ** 2
        elif kind == "squared-hellinger":
            out["scipy.spatial.distance.euclidean(sqrt(p),sqrt(q))**2/2"] = \
                ssd.euclidean(np.sqrt(p), np.sqrt(q)) ** 2 / 2
            out["numpy 1-sum(sqrt(p*q))"] = 1 - np.sum(np.sqrt(p * q))
        elif kind == "hellinger":
            out["scipy.spatial.distance.euclidean(sqrt(p),sqrt(q))/sqrt(2)"] = \
                ssd.euclidean(np.sqrt(p), np.sqrt(q)) / math.sqrt(2)
        elif kind == "tv":
            out["scipy.spatial.distance.cityblock(p,q)/2"] = ssd.cityblock(p, q) / 2
        elif kind == "chi2":
            out["scipy.stats.power_divergence(p,q,'pearson')"] = \
                st.power_divergence(p, q, lambda_="pearson").statistic
        elif kind == "neyman-chi2":
            out["scipy.stats.power_divergence(p,q,'neyman')"] = \
                st.power_divergence(p, q, lambda_="neyman").statistic
        elif kind == "jeffreys":
            out["scipy.special.rel_entr(p,q).sum()+rel_entr(q,p).sum()"] = \
                np.sum(sp.rel_entr(p, q)) + np.sum(sp.rel_entr(q, p))
        elif kind == "triangular":
            s = p + q
            t = np.where(s > 0, (p - q) ** 2 / np.where(s > 0, s, 1), 0.0)
            out["numpy sum((p-q)**2/(p+q)) (no scipy function)"] = np.sum(t)
        elif kind == "alpha":
            out["scipy.stats.power_divergence(p,q,lambda_=alpha-1)/2"] = \
                st.power_divergence(p, q, lambda_=alpha - 1).statistic / 2
        elif kind == "renyi":
            if alpha == 1:
                out["scipy.special.rel_entr(p,q).sum()"] = np.sum(sp.rel_entr(p, q))
            elif alpha == 0:
                out["numpy -log(sum(q[p>0]))"] = -np.log(np.sum(q[p > 0]))
            else:
                stat = st.power_divergence(p, q, lambda_=alpha - 1).statistic / 2
                out["log1p(a(a-1) scipy.stats.power_divergence(p,q,lambda_=a-1)/2)/(a-1)"] = \
                    np.log1p(alpha * (alpha - 1) * stat) / (alpha - 1)
    return {k: f2s(v) for k, v in out.items()}


# ------------------------------------------------------------------ cases

def cases(rng):
    out = []

    def add(name, p, q, perturbation=None):
        p = exactly_normalised(p)
        q = exactly_normalised(q)
        out.append({"name": name, "p": p, "q": q, "perturbation": perturbation})

    # Hand-written edge cases.
    add("point masses apart", [1.0, 0.0], [0.0, 1.0])
    add("point mass vs uniform", [1.0, 0.0], [0.5, 0.5])
    add("uniform vs point mass", [0.5, 0.5], [1.0, 0.0])
    add("two points", [0.3, 0.7], [0.6, 0.4])
    add("three points with shared zero", [0.2, 0.0, 0.8], [0.5, 0.0, 0.5])
    add("identical", [0.1, 0.2, 0.3, 0.4], [0.1, 0.2, 0.3, 0.4])

    # Random Dirichlet pairs.
    for n in [2, 3, 5, 10, 30, 100, 300, 1000]:
        for conc in [0.3, 1.0, 5.0]:
            add("dirichlet n=%d conc=%g" % (n, conc),
                rng.dirichlet(np.full(n, conc)), rng.dirichlet(np.full(n, conc)))

    # Exact zeros.
    for n in [4, 20, 500]:
        p = rng.dirichlet(np.ones(n))
        q = rng.dirichlet(np.ones(n))
        zp = rng.random(n) < 0.25
        zq = rng.random(n) < 0.25
        zp[0] = True
        zq[1] = True
        zp[1] = zq[0] = False
        add("zeros in p n=%d" % n, np.where(zp, 0, p), q)
        add("zeros in q n=%d" % n, p, np.where(zq, 0, q))
        both = rng.random(n) < 0.3
        both[0] = True
        add("shared zeros n=%d" % n, np.where(both, 0, p), np.where(both, 0, q))
        add("zeros in both n=%d" % n, np.where(zp, 0, p), np.where(zq, 0, q))

    # Near-zero masses (log-uniform 1e-300 .. 1e-20), one subnormal.
    for n in [3, 10, 100, 1000]:
        p = rng.dirichlet(np.ones(n))
        q = rng.dirichlet(np.ones(n))
        tp = rng.random(n) < 0.3
        tq = rng.random(n) < 0.3
        tp[0] = tq[1] = True
        tp[1] = tq[0] = False
        tiny = lambda: 10.0 ** rng.uniform(-300, -20)
        p2 = np.array([tiny() if t else x for t, x in zip(tp, p)])
        q2 = np.array([tiny() if t else x for t, x in zip(tq, q)])
        add("near-zero masses n=%d" % n, p2, q2)
        p3 = p2.copy()
        p3[-1] = 5e-320
        add("near-zero masses and a subnormal n=%d" % n, p3, q)
        q3 = q.copy()
        q3[-1] = 5e-320
        add("subnormal in q n=%d" % n, p, q3)

    # Nearly disjoint supports.
    for n in [4, 50]:
        half = n // 2
        p = np.concatenate([rng.dirichlet(np.ones(half)), np.full(n - half, 1e-12)])
        q = np.concatenate([np.full(half, 1e-12), rng.dirichlet(np.ones(n - half))])
        add("nearly disjoint n=%d" % n, p, q)

    # Disjoint up to a leakage far below double precision: Σ p^α q^(1−α) ≪ 1 for 0 < α < 1, so the
    # Rényi divergence is large but finite (and 1 + α(α−1)·alpha-divergence cancels completely).
    for n, leak in [(2, 1e-100), (6, 1e-30), (40, 1e-200)]:
        half = n // 2
        p = np.concatenate([rng.dirichlet(np.ones(half)), np.full(n - half, leak)])
        q = np.concatenate([np.full(half, leak), rng.dirichlet(np.ones(n - half))])
        add("disjoint up to leakage %g n=%d" % (leak, n), p, q)

    # Finite summands whose sum overflows (neyman-chi2: 4 x 6.25e307): the truth is beyond the double
    # range, so +inf is the correctly rounded answer (not NaN from a compensated sum).
    add("summands summing past the double range", [1e-309] * 4 + [0.5, 0.5],
        [0.25, 0.25, 0.25, 0.25, 1e-300, 0.0])

    # Hellinger below 1e-154: its square is subnormal, the root must not inherit that spacing.
    add("hellinger below 1e-154", [5.086073627165573e-295, 1.0], [5.086073627163997e-295, 1.0])

    # p ~ q: relative perturbations 1e-3 .. 1e-10.
    sizes = [2, 5, 10, 100, 1000]
    for e in range(3, 11):
        d = 10.0 ** -e
        for n in sizes[(e % 2)::2]:
            p = rng.dirichlet(np.full(n, 2.0))
            u = rng.uniform(-1, 1, n)
            u -= np.dot(p, u)  # keeps the total at 1 to first order
            add("p~q n=%d rel=1e-%d" % (n, e), p, p * (1 + d * u), perturbation=d)
    return out


def main():
    rng = np.random.default_rng(SEED)
    records = []
    for c in cases(rng):
        # 50 significant digits, plus as many as the smallest mass has leading zeros: normalising
        # p by 1 + 5e-295 must not round p_max/(1 + 5e-295) to p_max.
        tiny = min(x for x in c["p"] + c["q"] if x > 0)
        mp.dps = DIGITS + max(0, int(math.ceil(-math.log10(tiny))))
        P, Q = mp_vectors(c["p"], c["q"])
        values = []
        evals = [(k, None) for k in PLAIN_KINDS] + [("alpha", a) for a in ALPHA_ORDERS] \
            + [("renyi", a) for a in RENYI_ORDERS]
        for kind, alpha in evals:
            values.append({
                "kind": kind,
                "alpha": alpha,
                "truth": mp_string(mp_truth(kind, alpha, P, Q)),
                "peers": peers(kind, alpha, c["p"], c["q"]),
            })
        records.append({"name": c["name"], "perturbation": c["perturbation"],
                        "p": c["p"], "q": c["q"], "values": values})
    doc = {
        "description": "Discrete f-divergences: truth = mpmath 50-digit evaluation of the textbook "
                       "definition on the exactly normalised inputs; peers = scipy/numpy in double.",
        "generator": "discrete_divergences.py (seed %d)" % SEED,
        "versions": {"python": sys.version.split()[0], "scipy": scipy.__version__,
                     "numpy": np.__version__, "mpmath": mpmath.__version__,
                     "mp.dps": "%d + the decimal exponent of the smallest positive mass" % DIGITS},
        "cases": records,
    }
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "discrete_divergences.json"), "w") as f:
        json.dump(doc, f, separators=(",", ":"))
        f.write("\n")
    print("cases: %d, values: %d" % (len(records), sum(len(r["values"]) for r in records)))


if __name__ == "__main__":
    main()
