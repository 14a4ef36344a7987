"""Reference values for 1-D KDE: scipy.stats.gaussian_kde (unweighted and weighted, scott and
silverman) and R's bw.nrd0 / bw.nrd (via Rscript). Run: /usr/bin/python3 kde1d.py > kde1d.json"""
import json, subprocess, sys
import numpy as np, scipy
from scipy import stats

rng = np.random.default_rng(20261123)
x = np.concatenate([rng.normal(0, 1, 150), rng.normal(3, 0.5, 50)])
w = rng.uniform(0.1, 2.0, x.size)
q = np.linspace(-4, 6, 41)
out = {"producer": f"scipy {scipy.__version__}, numpy {np.__version__}, "
       + subprocess.run(["Rscript", "-e", "cat(R.version.string)"], capture_output=True, text=True).stdout,
       "data": x.tolist(), "weights": w.tolist(), "queries": q.tolist(), "cases": []}
for bw in ["scott", "silverman"]:
    for weighted in [False, True]:
        k = stats.gaussian_kde(x, bw_method=bw, weights=w if weighted else None)
        out["cases"].append({"bandwidth": bw, "weighted": weighted, "factor": float(k.factor),
                             "h": float(np.sqrt(k.covariance[0, 0])), "density": k(q).tolist(),
                             "cdf": [float(k.integrate_box_1d(-np.inf, v)) for v in q]})
r = "x <- scan(file('stdin'), quiet=TRUE); cat(sprintf('%.17g %.17g', bw.nrd0(x), bw.nrd(x)))"
res = subprocess.run(["Rscript", "-e", r], input=" ".join(repr(v) for v in x), capture_output=True, text=True, check=True)
nrd0, nrd = map(float, res.stdout.split())
out["R"] = {"bw.nrd0": nrd0, "bw.nrd": nrd}
json.dump(out, sys.stdout, indent=1)
