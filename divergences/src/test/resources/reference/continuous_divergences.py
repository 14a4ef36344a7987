#!/usr/bin/env python3
"""Reference values of continuous f-divergences for entropic's ContinuousDivergence tests.

Produced with scipy 1.10 (scipy.integrate.quad, epsabs=epsabs, epsrel=epsrel, limit=1000) on the
integrand q f(p/q) written in log densities (scipy.stats logpdf), the real line split at quantiles
of both laws and at their support ends (a piece touching a finite support end a integrated in w
with x = a + h w^2), infinite ends integrated by quad's own transformation.
Conventions (natural log, p first, q the reference) are those of entropic's DivergenceKind.
Rows whose integral quad could not certify at 1e-11 either (IntegrationWarning: divergent
integrals, roundoff) are left out and listed on stderr.
The value +inf is written as "inf" when the integrand is +inf on a set of positive measure
(p > 0 where q = 0 for kl-like kinds, and symmetric cases).

Run: /usr/bin/python3 continuous_divergences.py > continuous_divergences.csv
"""
import math
import sys
import warnings

import numpy as np
import scipy
from scipy import integrate, stats

warnings.simplefilter("ignore", integrate.IntegrationWarning)

class _Laplace:
    """scipy's laplace.logpdf underflows to -inf beyond |x| ~ 745 (it takes the log of the pdf);
    the log density -ln(2b) - |x - m|/b is written out here, everything else is scipy's."""
    def __init__(self, m, b):
        self.d, self.m, self.b = stats.laplace(loc=m, scale=b), m, b

    def logpdf(self, x):
        return -math.log(2 * self.b) - abs(x - self.m) / self.b

    def __getattr__(self, name):
        return getattr(self.d, name)

def law(name):
    fam, args = name.split("(")
    a = [float(x) for x in args.rstrip(")").split(",")]
    if fam == "normal":
        return stats.norm(loc=a[0], scale=a[1])
    if fam == "laplace":
        return _Laplace(a[0], a[1])
    if fam == "exponential":
        return stats.expon(scale=1 / a[0])
    if fam == "gamma":
        return stats.gamma(a[0], scale=a[1])
    if fam == "beta":
        return stats.beta(a[0], a[1])
    if fam == "uniform":
        return stats.uniform(loc=a[0], scale=a[1] - a[0])
    if fam == "student-t":
        return stats.t(a[0])
    if fam == "lognormal":
        return stats.lognorm(a[1], scale=math.exp(a[0]))
    raise ValueError(name)

PAIRS = [
    ("normal(0,1)", "normal(1,2)"),
    ("normal(0,1)", "normal(0.5,0.8)"),
    ("normal(-1,0.7)", "normal(0,1)"),
    ("laplace(0,1)", "laplace(1,2)"),
    ("exponential(1)", "exponential(0.5)"),
    ("exponential(0.4)", "exponential(1.2)"),
    ("gamma(2,1.5)", "gamma(3,1)"),
    ("gamma(0.5,1)", "gamma(1.5,2)"),
    ("beta(2,5)", "beta(3,3)"),
    ("beta(0.5,3)", "beta(2,2)"),
    ("uniform(0,1)", "uniform(-0.5,2)"),
    ("uniform(0,2)", "uniform(1,3)"),
    ("lognormal(0,1)", "lognormal(0.5,0.8)"),
    ("normal(0,1)", "student-t(5)"),
    ("student-t(5)", "normal(0,1)"),
    ("gamma(2,1.5)", "lognormal(0.5,0.8)"),
    ("laplace(0,1)", "normal(0,1)"),
]

KINDS = [("kl", None), ("reverse-kl", None), ("js", None), ("squared-hellinger", None),
         ("hellinger", None), ("tv", None), ("chi2", None), ("neyman-chi2", None),
         ("jeffreys", None), ("triangular", None),
         ("alpha", -0.5), ("alpha", 0.5), ("alpha", 2.0),
         ("renyi", 0.5), ("renyi", 2.0), ("renyi", 3.0)]

def generator(kind, a, r):
    """f(r) for r = p/q in (0, inf)."""
    if kind == "kl":
        return r * math.log(r) - r + 1
    if kind == "reverse-kl":
        return -math.log(r) + r - 1
    if kind == "js":
        return 0.5 * (r * math.log(r) - (1 + r) * math.log((1 + r) / 2))
    if kind in ("squared-hellinger", "hellinger"):
        return 0.5 * (math.sqrt(r) - 1) ** 2
    if kind == "tv":
        return 0.5 * abs(r - 1)
    if kind == "chi2":
        return (r - 1) ** 2
    if kind == "neyman-chi2":
        return (r - 1) ** 2 / r
    if kind == "jeffreys":
        return (r - 1) * math.log(r)
    if kind == "triangular":
        return (r - 1) ** 2 / (r + 1)
    if kind in ("alpha", "renyi"):
        return (r ** a - a * r - (1 - a)) / (a * (a - 1))
    raise ValueError(kind)

def boundary(kind, a, p, q):
    """q f(p/q) where one of p, q is 0 (limits)."""
    if p == 0 and q == 0:
        return 0.0
    if q == 0:  # p * lim f(r)/r
        lim = {"kl": math.inf, "reverse-kl": 1.0, "js": 0.5 * math.log(2),
               "squared-hellinger": 0.5, "hellinger": 0.5, "tv": 0.5, "chi2": math.inf,
               "neyman-chi2": 1.0, "jeffreys": math.inf, "triangular": 1.0}
        if kind in lim:
            return p * lim[kind]
        return p / (1 - a) if a < 1 else math.inf
    # p == 0: q f(0)
    f0 = {"kl": 1.0, "reverse-kl": math.inf, "js": 0.5 * math.log(2), "squared-hellinger": 0.5,
          "hellinger": 0.5, "tv": 0.5, "chi2": 1.0, "neyman-chi2": math.inf, "jeffreys": math.inf,
          "triangular": 1.0}
    if kind in f0:
        return q * f0[kind]
    return q / a if a > 0 else math.inf

def extreme(kind, a, lp, lq):
    """q f(p/q) written with the log ratio (exact rewrites), used for |ln p - ln q| > 30."""
    p, q, lr = math.exp(lp), math.exp(lq), lp - lq
    if kind == "kl" or (kind in ("alpha", "renyi") and a == 1):
        return p * (lr - 1) + q
    if kind == "reverse-kl" or (kind in ("alpha", "renyi") and a == 0):
        return q * (-lr - 1) + p
    if kind == "jeffreys":
        return (p - q) * lr
    if kind == "js":
        lm = np.logaddexp(lp, lq)
        return 0.5 * (p * (math.log(2) + lp - lm) + q * (math.log(2) + lq - lm))
    if kind in ("squared-hellinger", "hellinger"):
        return 0.5 * (p + q) - math.exp(0.5 * (lp + lq))
    if kind == "tv":
        return 0.5 * abs(p - q)
    if kind == "chi2":
        return math.exp(2 * lp - lq) - 2 * p + q
    if kind == "neyman-chi2":
        return math.exp(2 * lq - lp) - 2 * q + p
    if kind == "triangular":
        return (p - q) ** 2 / (p + q)
    return (math.exp(a * lp + (1 - a) * lq) - a * p - (1 - a) * q) / (a * (a - 1))

def unbounded(kind, a):
    """Kinds whose f(0) or f(r)/r at infinity is infinite (the scaled form would give inf)."""
    return kind in ("kl", "reverse-kl", "jeffreys", "chi2", "neyman-chi2") or (
        kind in ("alpha", "renyi") and (a <= 0 or a >= 1))

def integrand(kind, a, P, Q):
    """q f(p/q), homogeneous of degree 1: evaluated on densities scaled by exp(-max(log p, log q))."""
    def g(x):
        lp = float(P.logpdf(x))
        lq = float(Q.logpdf(x))
        m = max(lp, lq)
        if m == -math.inf or m == math.inf:  # no mass / a density pole at a single point
            return 0.0
        try:
            if math.isfinite(lp) and math.isfinite(lq) and abs(lp - lq) > 30 and unbounded(kind, a):
                return extreme(kind, a, lp, lq)
            pp = math.exp(lp - m)
            qq = math.exp(lq - m)
            if m < -1e4 and not (math.isfinite(lp) and math.isfinite(lq)):
                return 0.0  # both densities below e^-10000: beyond double range, no contribution
            if pp == 0 or qq == 0 or abs(lp - lq) > 300:
                # bounded kinds only here: the smaller density is below e^-300 times the larger
                if lp > lq:
                    qq = 0.0
                else:
                    pp = 0.0
                t = boundary(kind, a, pp, qq)
            else:
                t = qq * generator(kind, a, pp / qq)
            if t == 0 or math.isinf(t):
                return t
            return math.exp(m + math.log(t)) if t > 0 else -math.exp(m + math.log(-t))
        except OverflowError:
            return math.inf
    return g

def breakpoints(P, Q):
    lo = min(P.support()[0], Q.support()[0])
    hi = max(P.support()[1], Q.support()[1])
    pts = set()
    for D in (P, Q):
        for b in D.support():
            if math.isfinite(b):
                pts.add(float(b))
        for u in (1e-6, 1e-3, 0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.98, 1 - 1e-3, 1 - 1e-6):
            pts.add(float(D.ppf(u)))
    pts = sorted(x for x in pts if lo <= x <= hi)
    return lo, hi, pts

class Uncertified(Exception):
    pass

def integral(kind, a, P, Q):
    """Sum of quad over the pieces, and the summed error estimate. quad's roundoff report (ier 2,
    typical for pieces far in the tails whose values are at rounding level) is accepted; every other
    failure (divergence, subdivision limit) raises Uncertified."""
    g = integrand(kind, a, P, Q)
    lo, hi, pts = breakpoints(P, Q)
    total = 0.0
    error = 0.0
    segs = []
    if not math.isfinite(lo):
        segs.append((lo, pts[0]))
    segs += list(zip(pts[:-1], pts[1:]))
    if not math.isfinite(hi):
        segs.append((pts[-1], hi))
    for s, t in segs:
        if s == t:
            continue
        mid = 0.5 * (s + t) if math.isfinite(s) and math.isfinite(t) else None
        if mid is not None and math.isinf(g(mid)):
            return math.inf, 0.0
        ends = {float(b) for D in (P, Q) for b in D.support() if math.isfinite(b)}
        f, u, v = g, s, t
        if s in ends and math.isfinite(t):  # x = s + h w^2 regularises x^(-1/2) at the support end
            h = t - s
            f, u, v = (lambda w, s=s, h=h: 2 * h * w * g(s + h * w * w)), 0.0, 1.0
        elif t in ends and math.isfinite(s):
            h = t - s
            f, u, v = (lambda w, t=t, h=h: 2 * h * w * g(t - h * w * w)), 0.0, 1.0
        out = integrate.quad(f, u, v, epsabs=0, epsrel=1e-13, limit=1000, full_output=1)
        if len(out) == 4 and out[3] and "roundoff" not in out[3]:
            raise Uncertified(out[3].splitlines()[0])
        if len(out) >= 3 and isinstance(out[2], dict) and out[2].get("ier", 0) not in (0, 2):
            raise Uncertified("ier %s" % out[2].get("ier"))
        total += out[0]
        error += out[1]
    return total, error

def value(kind, a, P, Q):
    s, err = integral(kind, a, P, Q)
    if math.isinf(s):
        return math.inf, 0.0
    if not err <= 1e-11 * abs(s) + 1e-300:
        raise Uncertified("error estimate %g of %g" % (err, s))
    if kind == "hellinger":
        return math.sqrt(s), err / abs(s)
    if kind == "renyi":
        arg = a * (a - 1) * s
        return (math.inf if arg <= -1 else math.log1p(arg) / (a - 1)), err / abs(s)
    return s, err / abs(s)

def main():
    print("# scipy %s integrate.quad(epsabs=0, epsrel=1e-13; its summed error estimate relative to the integral in the last column) of q f(p/q) from scipy.stats logpdf;"
          " script continuous_divergences.py" % scipy.__version__)
    print("pair,kind,alpha,value,quad_relative_error_estimate")
    for p, q in PAIRS:
        P, Q = law(p), law(q)
        for kind, a in KINDS:
            try:
                v, rel = value(kind, a, P, Q)
            except (Uncertified, OverflowError, ZeroDivisionError) as w:
                print("skipped %s|%s %s %s: %s" % (p, q, kind, a, w), file=sys.stderr)
                continue
            print('"%s|%s",%s,%s,%s,%.1e' % (p, q, kind, "" if a is None else repr(a),
                                            "inf" if math.isinf(v) else repr(v), rel))

if __name__ == "__main__":
    main()
