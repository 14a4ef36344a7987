"""Reference for ScalingBinningTest: the no-split scaling-binning calibrator, written in numpy from
Kumar, Liang, Ma (2019) with the conventions of uncertainty-calibration's PlattBinnerCalibrator
(Platt on logit p; chunks of ceil(n/B) sorted g values; midpoint edges then 1.0, deduplicated;
bins (e_{j-1}, e_j] via searchsorted side='left'; bin output = mean of g in the bin). Platt is
scikit-learn 1.2 LogisticRegression(penalty='none', solver='newton-cg', tol=1e-14).
Run by /usr/bin/python3:  python3 scaling_binning.py > scaling_binning.csv
Data: numpy.random.default_rng(41); y ~ Bernoulli(0.5); p = sigmoid(1.5 (2y-1) + N(0,1)).
"""
import warnings
import numpy as np, sklearn
from sklearn.linear_model import LogisticRegression
warnings.simplefilter("ignore")
rng = np.random.default_rng(41)
n, B = 500, 10
y = (rng.random(n) < 0.5).astype(int)
p = 1 / (1 + np.exp(-(1.5 * (2 * y - 1) + rng.standard_normal(n))))
x = np.log(p) - np.log1p(-p)
m = LogisticRegression(penalty='none', solver='newton-cg', tol=1e-14, max_iter=1000).fit(x[:, None], y)
g = 1 / (1 + np.exp(-(m.coef_[0, 0] * x + m.intercept_[0])))
s = np.sort(g)
size = int(np.ceil(n / B))
chunks = [s[i:i + size] for i in range(0, n, size)]
edges = sorted(set([(chunks[i][-1] + chunks[i + 1][0]) / 2 for i in range(len(chunks) - 1)] + [1.0]))
idx = np.searchsorted(edges, g, side='left')
means = [g[idx == j].mean() for j in range(len(edges))]
grid = np.linspace(0.01, 0.99, 99)
xg = np.log(grid) - np.log1p(-grid)
gg = 1 / (1 + np.exp(-(m.coef_[0, 0] * xg + m.intercept_[0])))
pred = np.array(means)[np.minimum(np.searchsorted(edges, gg, side='left'), len(edges) - 1)]
print(f"# numpy {np.__version__} scikit-learn {sklearn.__version__}; 'edge,e,mean' / 'row,label,p' / 'grid,p,prediction'")
for e, v in zip(edges, means):
    print(f"edge,{e!r},{v!r}")
for i in range(n):
    print(f"row,{y[i]},{p[i]!r}")
for a, b in zip(grid, pred):
    print(f"grid,{a!r},{b!r}")
