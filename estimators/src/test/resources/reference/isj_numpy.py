"""Reference for the isj bandwidth: a numpy/scipy implementation of Botev, Grotowski & Kroese (2010),
"Kernel density estimation via diffusion", Ann. Statist. 38:2916-2957 (improved Sheather-Jones),
with the conventions of Botev's kde.m and KDEpy's improved_sheather_jones:
  grid of 2^14 points on [min - R/2, max + R/2] (R = max - min), linear binning normalised to 1,
  a = DCT-II (scipy, unnormalised) of the binned probabilities,
  ||f^(s)||^2(t) = 1/2 pi^(2s) sum_k k^(2s) a_k^2 exp(-k^2 pi^2 t),
  gamma^[l] with l = 7: t_s = (2 c_s K0_s / (N ||f^(s+1)||^2))^(2/(3+2s)), c_s = (1 + 2^-(s+1/2))/3,
  K0_s = (2s-1)!! / sqrt(2 pi), for s = l-1..2, and xi gamma^[l](t) = (2 N sqrt(pi) ||f''||^2)^(-2/5);
  t* = root of t - xi gamma^[l](t) by brentq on [0, T], T = 1e-11 + 0.01 (N' - 50)/1000,
  N' = clip(N, 50, 1050), doubling T until the bracket holds (KDEpy's rule); N = number of distinct values;
  h = sqrt(t*) (span of the grid), the Gaussian kernel's standard deviation.
Run: /usr/bin/python3 isj_numpy.py > isj_numpy.json"""
import json, sys
import numpy as np, scipy
from scipy.fft import dct
from scipy.optimize import brentq

GRID = 2 ** 14


def isj(x):
    lo, hi = x.min(), x.max()
    r = hi - lo
    a_, b_ = lo - r / 2, hi + r / 2
    span = b_ - a_
    t = (x - a_) / span * (GRID - 1)
    j = np.minimum(np.floor(t).astype(int), GRID - 2)
    f = t - j
    p = np.bincount(j, 1 - f, GRID) + np.bincount(j + 1, f, GRID)
    p /= p.sum()
    a = dct(p, type=2)
    a2 = a[1:] ** 2
    k2 = np.arange(1, GRID, dtype=float) ** 2
    n = float(np.unique(x).size)

    def fixed(tt):
        l = 7
        fn = 0.5 * np.pi ** (2 * l) * np.sum(k2 ** l * a2 * np.exp(-k2 * np.pi ** 2 * tt))
        for s in range(l - 1, 1, -1):
            k0 = np.prod(np.arange(1, 2 * s, 2, dtype=float)) / np.sqrt(2 * np.pi)
            c = (1 + 0.5 ** (s + 0.5)) / 3
            time = (2 * c * k0 / (n * fn)) ** (2 / (3 + 2 * s))
            fn = 0.5 * np.pi ** (2 * s) * np.sum(k2 ** s * a2 * np.exp(-k2 * np.pi ** 2 * time))
        return tt - (2 * n * np.sqrt(np.pi) * fn) ** (-0.4)

    top = 1e-11 + 0.01 * (min(max(n, 50), 1050) - 50) / 1000
    while fixed(top) <= 0:
        top *= 2
    ts = brentq(fixed, 0.0, top, xtol=1e-15 * top, rtol=1e-14, maxiter=500)
    return float(np.sqrt(ts) * span), float(ts)


rng = np.random.default_rng(20261124)
sets = {"normal-100": rng.normal(size=100),
        "bimodal-1000": np.concatenate([rng.normal(0, 1, 700), rng.normal(5, 0.4, 300)]),
        "t3-2000": rng.standard_t(3, size=2000),
        "claw-5000": np.concatenate([rng.normal(0, 1, 2500)] + [rng.normal(m / 2 - 1, 0.1, 500) for m in range(5)])}
out = {"producer": f"numpy {np.__version__}, scipy {scipy.__version__}", "cases": []}
for name, x in sets.items():
    h, ts = isj(x)
    out["cases"].append({"name": name, "data": x.tolist(), "h": h, "t": ts})
json.dump(out, sys.stdout)
