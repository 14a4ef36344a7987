"""Reference values for Mmd (unbiased MMD^2, Gaussian kernel, median heuristic) and EnergyDistance.

Independent numpy implementation with full distance matrices (scipy.spatial.distance.cdist):
  MMD^2_u = sum_{i!=j} Kxx/(m(m-1)) + sum_{i!=j} Kyy/(n(n-1)) - 2 sum Kxy/(mn),  K = exp(-D^2/(2 s^2))
  s = median of pdist over the pooled sample (numpy median), on points floor(t N/1000) when N > 1000
  energy E = 2 mean Dxy - mean Dxx - mean Dyy (V-statistic); scipy.stats.energy_distance = sqrt(E) in 1-D
Run: /usr/bin/python3 twosample.py > twosample.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.spatial.distance import cdist, pdist
from scipy.stats import energy_distance


def median_heuristic(z):
    n = z.shape[0]
    p = min(n, 1000)
    idx = (np.arange(p, dtype=np.int64) * n) // p
    return float(np.median(pdist(z[idx])))


def mmd2u(x, y, s):
    m, n = len(x), len(y)
    kxx = np.exp(-cdist(x, x, "sqeuclidean") / (2 * s * s))
    kyy = np.exp(-cdist(y, y, "sqeuclidean") / (2 * s * s))
    kxy = np.exp(-cdist(x, y, "sqeuclidean") / (2 * s * s))
    return float((kxx.sum() - np.trace(kxx)) / (m * (m - 1)) + (kyy.sum() - np.trace(kyy)) / (n * (n - 1))
                 - 2 * kxy.mean())


def energy(x, y):
    return float(2 * cdist(x, y).mean() - cdist(x, x).mean() - cdist(y, y).mean())


def main():
    rng = np.random.default_rng(7)
    cases = []
    for d, m, n, shift in [(1, 200, 150, 0.3), (3, 300, 250, 0.0), (5, 700, 600, 0.2), (2, 100, 120, 1.0)]:
        x = rng.standard_normal((m, d))
        y = rng.standard_normal((n, d)) * 1.2 + shift
        s = median_heuristic(np.vstack([x, y]))
        c = {"x": x.tolist(), "y": y.tolist(), "median": s, "mmd2u": mmd2u(x, y, s), "mmd2uBandwidth2": mmd2u(x, y, 2.0),
             "energy": energy(x, y)}
        if d == 1:
            c["scipyEnergyDistance"] = float(energy_distance(x[:, 0], y[:, 0]))
        cases.append(c)
    json.dump({"source": "numpy %s, scipy %s (cdist, pdist, stats.energy_distance); script twosample.py"
               % (np.__version__, scipy.__version__), "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
