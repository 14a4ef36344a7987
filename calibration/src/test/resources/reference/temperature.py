"""Reference temperatures for TemperatureScalingTest.

Produced with numpy + scipy.optimize.brentq (scipy 1.10) on the exact derivative of the mean NLL
in beta = 1/T (xtol 1e-15, rtol 8.9e-16), run by /usr/bin/python3:
    python3 temperature.py > temperature.csv
Each case: seed, n, k, scale; logits = scale * N(0,1) + 2 * onehot(label) with labels drawn with
numpy.random.default_rng(seed). The CSV holds the logits/labels too so Java never regenerates them.
"""
import numpy as np, scipy
from scipy.optimize import brentq
from scipy.special import logsumexp, softmax

print(f"# numpy {np.__version__} scipy {scipy.__version__} brentq on dNLL/dbeta; columns: case,T,nll then rows 'row,case,label,logits...'")
cases = [(1, 200, 3, 3.0), (2, 500, 10, 5.0), (3, 300, 1, 4.0), (4, 100, 5, 0.5)]
for case, (seed, n, k, scale) in enumerate(cases):
    rng = np.random.default_rng(seed)
    kk = 2 if k == 1 else k
    y = rng.integers(0, kk, n)
    z = scale * rng.standard_normal((n, kk)) + 2.0 * np.eye(kk)[y]
    if k == 1:
        z[:, 0] = 0.0
    def d(beta):
        p = softmax(beta * z, axis=1)
        return np.mean((p * z).sum(1) - z[np.arange(n), y])
    beta = brentq(d, 1e-4, 1e4, xtol=1e-15, rtol=8.9e-16, maxiter=500)
    T = 1 / beta
    nll = np.mean(logsumexp(z / T, axis=1) - z[np.arange(n), y] / T)
    print(f"case,{case},{T!r},{nll!r}")
    for i in range(n):
        cols = [z[i, 1]] if k == 1 else list(z[i])
        print("row,%d,%d,%s" % (case, y[i], ",".join(repr(float(c)) for c in cols)))
