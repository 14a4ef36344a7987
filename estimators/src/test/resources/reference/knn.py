"""Reference values for the kNN estimators (KnnEntropy, KnnDivergence, KnnMutualInformation).

Independent implementation of the papers' formulas with scipy.spatial.cKDTree:
  Kozachenko-Leonenko entropy  H = psi(n) - psi(k) + ln V_d + d/n sum ln eps_i
  Wang-Kulkarni-Verdu 2009     D = d/n sum ln(nu_k/rho_k) + ln(m/(n-1))
  KSG 2004 algorithm 1         I = psi(k) + psi(n) - <psi(nx+1) + psi(ny+1)>, max-norm, strict counts
Strict counts: query_ball_point counts distance <= r, so r = nextafter(eps, 0) (as scikit-learn).
Run: /usr/bin/python3 knn.py > knn.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.spatial import cKDTree
from scipy.special import digamma, gammaln


def kl_entropy(x, k):
    n, d = x.shape
    dist, _ = cKDTree(x).query(x, k + 1, p=2)
    eps = dist[:, -1]
    logvd = 0.5 * d * np.log(np.pi) - gammaln(0.5 * d + 1)
    return float(digamma(n) - digamma(k) + logvd + d * np.mean(np.log(eps)))


def wkv(x, y, k):
    n, d = x.shape
    m = y.shape[0]
    rho = cKDTree(x).query(x, k + 1, p=2)[0][:, -1]
    nu = cKDTree(y).query(x, k, p=2)[0]
    nu = nu[:, -1] if k > 1 else nu
    return float(d * np.mean(np.log(nu / rho)) + np.log(m / (n - 1)))


def ksg(x, y, k):
    n = x.shape[0]
    z = np.hstack([x, y])
    eps = cKDTree(z).query(z, k + 1, p=np.inf)[0][:, -1]
    r = np.nextafter(eps, 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True) - 1
    return float(digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1)))


def main():
    rng = np.random.default_rng(20261123)
    cases = []
    for d, n, k in [(1, 300, 3), (2, 500, 4), (3, 400, 1), (12, 300, 3)]:
        x = rng.standard_normal((n, d)) @ np.triu(np.full((d, d), 0.3) + np.eye(d))
        y = rng.standard_normal((n + 37, d)) * 1.5 + 0.4
        cases.append({"kind": "entropy", "k": k, "x": x.tolist(), "value": kl_entropy(x, k)})
        cases.append({"kind": "divergence", "k": k, "x": x.tolist(), "y": y.tolist(), "value": wkv(x, y, k)})
    for dx, dy, n, k, rounded in [(1, 1, 400, 3, False), (2, 1, 300, 5, False), (1, 2, 300, 2, True), (11, 1, 200, 3, False)]:
        x = rng.standard_normal((n, dx))
        y = 0.6 * x[:, :1] @ np.ones((1, dy)) + rng.standard_normal((n, dy))
        if rounded:  # ties in the x marginal: checks the strict count convention
            x = np.round(x, 1)
        cases.append({"kind": "mutual", "k": k, "x": x.tolist(), "y": y.tolist(), "value": ksg(x, y, k)})
    json.dump({"source": "numpy %s, scipy %s cKDTree; script knn.py" % (np.__version__, scipy.__version__),
               "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
