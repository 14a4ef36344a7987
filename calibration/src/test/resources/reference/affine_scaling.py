"""Reference fits for VectorMatrixScalingTest (vector scaling, matrix scaling, matrix + ODIR).

Produced with numpy + scipy.optimize.minimize(method='L-BFGS-B', jac=exact gradient,
ftol=1e-15, gtol=1e-12, maxiter=100000) (scipy 1.10), run by /usr/bin/python3:
    python3 affine_scaling.py > affine_scaling.csv
Objective: mean NLL of softmax(W z + b) [+ lod/(k(k-1)) sum_{i!=j} W_ij^2 + lb/k sum_j b_j^2]
(Kull et al. 2019 ODIR); vector scaling has W = diag(w). Logits: class-dependent miscalibration
z = s_j * N(0,1) + 2 * onehot(y) + c_j with labels from numpy.random.default_rng(seed).
CSV: 'fit,case,method,lod,lb,objective,params...' (vector: w then b centred; matrix: W row-major then b,
given only for the identified ODIR fit) then rows 'row,case,label,logits...'.
"""
import numpy as np, scipy
from scipy.optimize import minimize
from scipy.special import logsumexp, softmax

print(f"# numpy {np.__version__} scipy {scipy.__version__} L-BFGS-B ftol 1e-15 gtol 1e-12")
cases = [(11, 300, 3), (12, 400, 5)]
for case, (seed, n, k) in enumerate(cases):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, k, n)
    s = rng.uniform(1.0, 4.0, k)
    c = rng.normal(0, 1, k)
    z = s * rng.standard_normal((n, k)) + 2.0 * np.eye(k)[y] + c
    Y = np.eye(k)[y]

    def obj(x, diag, lod, lb):
        if diag:
            w, b = x[:k], x[k:]
            a = z * w + b
        else:
            W, b = x[:k * k].reshape(k, k), x[k * k:]
            a = z @ W.T + b
        lse = logsumexp(a, axis=1)
        f = np.mean(lse - a[np.arange(n), y])
        r = (softmax(a, axis=1) - Y) / n
        if diag:
            g = np.concatenate([(r * z).sum(0), r.sum(0)])
        else:
            g = np.concatenate([(r.T @ z).ravel(), r.sum(0)])
            off = ~np.eye(k, dtype=bool)
            f += lod / (k * (k - 1)) * (W[off] ** 2).sum() + lb / k * (b ** 2).sum()
            gW = np.where(off, 2 * lod / (k * (k - 1)) * W, 0.0)
            g[:k * k] += gW.ravel()
            g[k * k:] += 2 * lb / k * b
        return f, g

    for method, diag, lod, lb in [("vector", True, 0.0, 0.0), ("matrix", False, 0.0, 0.0), ("matrix", False, 0.5, 0.25)]:
        x0 = np.concatenate([np.ones(k), np.zeros(k)]) if diag else np.concatenate([np.eye(k).ravel(), np.zeros(k)])
        res = minimize(obj, x0, args=(diag, lod, lb), jac=True, method="L-BFGS-B",
                       options=dict(ftol=1e-15, gtol=1e-12, maxiter=100000, maxcor=20))
        x = res.x.copy()
        if diag:
            x[k:] -= x[k:].mean()
            params = list(x)
        elif lod > 0:
            params = list(x)
        else:
            params = []
        print("fit,%d,%s,%r,%r,%r,%s" % (case, method, lod, lb, float(res.fun), ",".join(repr(float(v)) for v in params)))
    for i in range(n):
        print("row,%d,%d,%s" % (case, y[i], ",".join(repr(float(v)) for v in z[i])))
