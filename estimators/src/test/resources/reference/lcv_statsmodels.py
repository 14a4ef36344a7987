"""Reference for the lcv bandwidth: statsmodels KDEMultivariate(var_type='c', bw='cv_ml') in 1-D
(Nelder-Mead on -LOO log-likelihood, xtol 1e-3), with its bandwidth and the exact leave-one-out
log-likelihood at that bandwidth computed here in numpy. Data are stored with the values.
Run: /usr/bin/python3 lcv_statsmodels.py > lcv_statsmodels.json"""
import json, sys
import numpy as np, statsmodels
from statsmodels.nonparametric.kernel_density import KDEMultivariate


def loo(x, h):
    d = x[:, None] - x[None, :]
    k = np.exp(-d * d / (2 * h * h)) / (h * np.sqrt(2 * np.pi))
    np.fill_diagonal(k, 0.0)
    return float(np.sum(np.log(k.sum(axis=1) / (x.size - 1))))


rng = np.random.default_rng(20261123)
sets = {"normal-50": rng.normal(size=50),
        "bimodal-200": np.concatenate([rng.normal(0, 1, 140), rng.normal(4, 0.5, 60)]),
        "t5-400": rng.standard_t(5, size=400),
        "gamma-800": rng.gamma(2.0, size=800)}
out = {"producer": f"statsmodels {statsmodels.__version__}, numpy {np.__version__}", "cases": []}
for name, x in sets.items():
    h = float(KDEMultivariate(x, var_type="c", bw="cv_ml").bw[0])
    out["cases"].append({"name": name, "data": x.tolist(), "h": h, "lcv": loo(x, h)})
json.dump(out, sys.stdout)
