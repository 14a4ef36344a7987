"""Reference values for CauchySchwarz (closed form between Gaussian mixtures, Parzen estimator,
CS mutual information, conditional CS divergence).

Independent numpy/scipy implementation:
  closed form: int p q = sum_ij w_i v_j N(a_i; b_j, A_i + B_j)  (scipy.stats.multivariate_normal.pdf)
  D_CS = -2 ln int pq + ln int p^2 + ln int q^2
  Parzen: the closed form applied to the two KDE mixtures (1/m) sum N(x_i, s^2 I), i.e. with full
          distance matrices and the N(.; ., 2 s^2 I) density (constants kept, they cancel)
  CS-QMI: ln(sum K*L / N^2) + ln(sum K sum L / N^4) - 2 ln(1' K L 1 / N^3), Gaussian K, L (diag included)
  conditional CS: ln sum_j (sum_i K_ji Lyy_ji)/(sum_i K_ji)^2 + ln sum_j (sum_i K_ji Lqq_ji)/(sum_i K_ji)^2
                  - 2 ln sum_j (sum_i K_ji Lqy_ji)/(sum_i K_ji)^2,  Lqy_ji = k(yhat_j - y_i)
Run: /usr/bin/python3 cauchy_schwarz.py > cauchy_schwarz.json
"""
import json
import sys

import numpy as np
import scipy
from scipy.spatial.distance import cdist
from scipy.stats import multivariate_normal


def overlap(w, a, A, v, b, B):
    return sum(w[i] * v[j] * multivariate_normal.pdf(a[i], mean=b[j], cov=A[i] + B[j])
               for i in range(len(w)) for j in range(len(v)))


def dcs_mixture(p, q):
    return float(-2 * np.log(overlap(*p, *q)) + np.log(overlap(*p, *p)) + np.log(overlap(*q, *q)))


def parzen(x, y, s):
    d = x.shape[1]
    c = (4 * np.pi * s * s) ** (-d / 2)
    vxy = c * np.exp(-cdist(x, y, "sqeuclidean") / (4 * s * s)).mean()
    vxx = c * np.exp(-cdist(x, x, "sqeuclidean") / (4 * s * s)).mean()
    vyy = c * np.exp(-cdist(y, y, "sqeuclidean") / (4 * s * s)).mean()
    return float(-2 * np.log(vxy) + np.log(vxx) + np.log(vyy))


def gram(a, b, s):
    return np.exp(-cdist(a, b, "sqeuclidean") / (2 * s * s))


def cs_qmi(x, y, sx, sy):
    n = x.shape[0]
    k = gram(x, x, sx)
    l = gram(y, y, sy)
    one = np.ones(n)
    return float(np.log((k * l).sum() / n**2) + np.log(k.sum() * l.sum() / n**4) - 2 * np.log(one @ k @ l @ one / n**3))


def conditional_cs(x, y, yhat, sx, sy):
    k = gram(x, x, sx)
    den = k.sum(axis=1) ** 2
    pp = ((k * gram(y, y, sy)).sum(axis=1) / den).sum()
    qq = ((k * gram(yhat, yhat, sy)).sum(axis=1) / den).sum()
    qp = ((k * gram(yhat, y, sy)).sum(axis=1) / den).sum()
    return float(np.log(pp) + np.log(qq) - 2 * np.log(qp))


def main():
    rng = np.random.default_rng(11)
    mixtures = []
    for d, kp, kq in [(1, 1, 1), (1, 2, 3), (2, 2, 2), (3, 1, 2)]:
        def mix(kc):
            w = rng.dirichlet(np.ones(kc))
            a = rng.standard_normal((kc, d)) * 1.5
            A = []
            for _ in range(kc):
                m = rng.standard_normal((d, d)) * 0.5
                A.append(m @ m.T + 0.3 * np.eye(d))
            return w, a, np.array(A)
        p, q = mix(kp), mix(kq)
        mixtures.append({"p": {"weights": p[0].tolist(), "means": p[1].tolist(), "covariances": p[2].tolist()},
                         "q": {"weights": q[0].tolist(), "means": q[1].tolist(), "covariances": q[2].tolist()},
                         "value": dcs_mixture(p, q)})
    samples = []
    for d, m, n, s in [(1, 120, 90, 0.5), (3, 150, 170, 1.2)]:
        x = rng.standard_normal((m, d))
        y = rng.standard_normal((n, d)) + 0.5
        samples.append({"x": x.tolist(), "y": y.tolist(), "bandwidth": s, "value": parzen(x, y, s)})
    paired = []
    for dx, dy, n, sx, sy in [(1, 1, 150, 0.8, 0.6), (2, 1, 200, 1.0, 0.5)]:
        x = rng.standard_normal((n, dx))
        y = np.sin(x[:, :1]) + 0.3 * rng.standard_normal((n, dy))
        yhat = np.sin(x[:, :1]) * 0.8 + 0.2 * rng.standard_normal((n, dy))
        paired.append({"x": x.tolist(), "y": y.tolist(), "yHat": yhat.tolist(), "bandwidthX": sx, "bandwidthY": sy,
                       "mutualInformation": cs_qmi(x, y, sx, sy), "conditional": conditional_cs(x, y, yhat, sx, sy)})
    json.dump({"source": "numpy %s, scipy %s; script cauchy_schwarz.py" % (np.__version__, scipy.__version__),
               "mixtures": mixtures, "samples": samples, "paired": paired}, sys.stdout)


if __name__ == "__main__":
    main()
