"""Reference values for core's univariate laws and the multivariate normal.

Produced with scipy.stats (version printed in the output header) on the fixed points below.
Run from the repository root:
  /usr/bin/python3 core/src/test/resources/reference/univariate_laws.py
Writes univariate_laws.csv and multivariate_normal.csv beside this script.
"""
import os
import numpy as np
import scipy
from scipy import stats

here = os.path.dirname(os.path.abspath(__file__))
laws = {
    "normal(0.5,2)": (stats.norm(loc=0.5, scale=2), [-3.0, 0.0, 0.5, 1.7, 8.0]),
    "laplace(-1,0.5)": (stats.laplace(loc=-1, scale=0.5), [-4.0, -1.0, -0.2, 2.0]),
    "exponential(0.4)": (stats.expon(scale=1 / 0.4), [0.0, 0.3, 2.5, 20.0]),
    "gamma(2,1.5)": (stats.gamma(a=2, scale=1.5), [0.01, 0.5, 3.0, 12.0]),
    "gamma(0.5,2)": (stats.gamma(a=0.5, scale=2), [0.001, 0.5, 3.0]),
    "beta(2,5)": (stats.beta(2, 5), [0.001, 0.2, 0.5, 0.95]),
    "beta(0.5,0.5)": (stats.beta(0.5, 0.5), [0.01, 0.5, 0.99]),
    "uniform(-1,3)": (stats.uniform(loc=-1, scale=4), [-0.5, 0.0, 2.9]),
    "student-t(5)": (stats.t(5), [-6.0, -1.0, 0.0, 0.3, 4.0]),
    "student-t(0.7)": (stats.t(0.7), [-50.0, 0.0, 2.0]),
    "lognormal(0,1)": (stats.lognorm(s=1, scale=1), [0.05, 1.0, 2.5, 30.0]),
    "lognormal(1,0.25)": (stats.lognorm(s=0.25, scale=np.exp(1)), [1.0, 2.7, 5.0]),
}
with open(os.path.join(here, "univariate_laws.csv"), "w") as f:
    f.write("# scipy %s scipy.stats: law,x,pdf,logpdf,cdf,ppf(u=0.3)\n" % scipy.__version__)
    for name, (d, xs) in laws.items():
        for x in xs:
            f.write('"%s",%r,%r,%r,%r,%r\n' % (name, x, float(d.pdf(x)), float(d.logpdf(x)), float(d.cdf(x)), float(d.ppf(0.3))))

mean = np.array([1.0, -2.0, 0.5])
cov = np.array([[2.0, 0.3, -0.4], [0.3, 1.0, 0.2], [-0.4, 0.2, 0.5]])
mvn = stats.multivariate_normal(mean, cov)
pts = [[0.0, 0.0, 0.0], [1.0, -2.0, 0.5], [3.0, 1.0, -1.0], [-2.0, -4.0, 2.0]]
with open(os.path.join(here, "multivariate_normal.csv"), "w") as f:
    f.write("# scipy %s scipy.stats.multivariate_normal(mean=[1,-2,0.5], cov=[[2,0.3,-0.4],[0.3,1,0.2],[-0.4,0.2,0.5]]): x0,x1,x2,logpdf\n" % scipy.__version__)
    for x in pts:
        f.write("%r,%r,%r,%r\n" % (x[0], x[1], x[2], float(mvn.logpdf(x))))
