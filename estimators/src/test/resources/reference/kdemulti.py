"""Reference values for MultivariateKernelDensity / BandwidthMatrix (kdemulti.json).

scipy.stats.gaussian_kde (d = 2, 3, 5; scott, silverman and a scalar factor; weighted and
unweighted): factor, covariance (= H) and densities at query points; statsmodels
KDEMultivariate(var_type='c'*d, bw='cv_ml') (d = 1, 2, 3): bandwidths and the objective
loo_likelihood(bw, np.log) at those bandwidths.
Run: /usr/bin/python3 kdemulti.py > kdemulti.json"""
import json
import numpy as np
import scipy
import statsmodels
from scipy.stats import gaussian_kde
from statsmodels.nonparametric.kernel_density import KDEMultivariate

rng = np.random.default_rng(20261123)
out = {"source": f"scipy {scipy.__version__} scipy.stats.gaussian_kde; "
                 f"statsmodels {statsmodels.__version__} KDEMultivariate(bw='cv_ml'); numpy {np.__version__}",
       "kde": [], "cv_ml": []}
for d, n in [(2, 300), (3, 250), (5, 400)]:
    a = rng.normal(size=(d, d)) / np.sqrt(d) + np.eye(d)
    x = rng.normal(size=(n, d)) @ a.T
    x[: n // 3] += 2.0  # a second cluster
    w = rng.uniform(0.1, 2.0, size=n)
    q = np.vstack([x[:20] + 0.3 * rng.normal(size=(20, d)), rng.normal(size=(20, d)) * 2.5])
    cases = []
    out["kde"].append({"d": d, "data": x.tolist(), "weights": w.tolist(), "queries": q.tolist(), "cases": cases})
    for bw in ["scott", "silverman", 0.4]:
        for weighted in [False, True]:
            k = gaussian_kde(x.T, bw_method=bw, weights=w if weighted else None)
            cases.append({"bandwidth": bw if isinstance(bw, str) else f"factor:{bw}",
                               "weighted": weighted, "factor": float(k.factor),
                               "h": np.atleast_2d(k.covariance).tolist(),
                               "density": k.evaluate(q.T).tolist(), "logDensity": k.logpdf(q.T).tolist()})
for d, n in [(1, 120), (2, 150), (3, 120)]:
    x = rng.normal(size=(n, d)) * np.arange(1, d + 1)
    x[: n // 4] += 3.0
    kde = KDEMultivariate(x, var_type="c" * d, bw="cv_ml")
    out["cv_ml"].append({"d": d, "data": x.tolist(), "bw": kde.bw.tolist(),
                         "objective": float(kde.loo_likelihood(kde.bw, np.log))})
print(json.dumps(out))
