"""Reference maximum-likelihood fits for MaximumLikelihoodReferenceTest.

Run: /usr/bin/python3 mle.py > mle.json
scipy.stats.<family>.fit with the location (and beta's scale) fixed as in MaximumLikelihood's
conventions; the data are drawn with numpy's default_rng(20240501) and stored in full.
"""
import json
import numpy as np
import scipy
from scipy import stats

rng = np.random.default_rng(20240501)
n = 300
cases = []


def add(family, data, params, logpdf):
    cases.append({"family": family, "data": data.tolist(), "params": [float(p) for p in params],
                  "loglik": float(np.sum(logpdf(data)))})


x = rng.normal(1.5, 2.0, n)
m, s = stats.norm.fit(x)
add("NORMAL", x, [m, s], lambda d: stats.norm.logpdf(d, m, s))

x = rng.exponential(0.7, n)
loc, sc = stats.expon.fit(x, floc=0)
add("EXPONENTIAL", x, [1 / sc], lambda d: stats.expon.logpdf(d, 0, sc))

x = rng.gamma(2.5, 1.3, n)
a, loc, sc = stats.gamma.fit(x, floc=0, method="MLE")
add("GAMMA", x, [a, sc], lambda d: stats.gamma.logpdf(d, a, 0, sc))

x = rng.beta(2.0, 5.0, n)
a, b, loc, sc = stats.beta.fit(x, floc=0, fscale=1)
add("BETA", x, [a, b], lambda d: stats.beta.logpdf(d, a, b))

x = rng.lognormal(0.3, 0.8, n)
s_, loc, sc = stats.lognorm.fit(x, floc=0)
add("LOGNORMAL", x, [np.log(sc), s_], lambda d: stats.lognorm.logpdf(d, s_, 0, sc))

x = rng.laplace(-1.0, 0.5, n + 1)  # odd size: the median is unique
l, sc = stats.laplace.fit(x)
add("LAPLACE", x, [l, sc], lambda d: stats.laplace.logpdf(d, l, sc))

x = rng.uniform(-2.0, 3.0, n)
loc, sc = stats.uniform.fit(x)
add("UNIFORM", x, [loc, loc + sc], lambda d: stats.uniform.logpdf(d, loc, sc))

print(json.dumps({"source": "scipy %s scipy.stats.<family>.fit, numpy %s" % (scipy.__version__, np.__version__),
                  "cases": cases}))
