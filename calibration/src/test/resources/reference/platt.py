"""Reference Platt fits for PlattScalingTest.

scikit-learn 1.2 LogisticRegression(penalty='none', solver='newton-cg', tol=1e-14, max_iter=1000)
on the single feature s (the plain maximum-likelihood logistic fit), run by /usr/bin/python3:
    python3 platt.py > platt.csv
Data: numpy.random.default_rng(seed); y ~ Bernoulli(0.4); s = shift * (2y - 1) + scale * N(0, 1).
"""
import warnings
import numpy as np, sklearn
from sklearn.linear_model import LogisticRegression
warnings.simplefilter("ignore")
print(f"# scikit-learn {sklearn.__version__} numpy {np.__version__}; 'case,id,slope,intercept' then 'row,id,label,score'")
for case, (seed, n, shift, scale) in enumerate([(11, 300, 1.0, 1.5), (12, 1000, 0.3, 2.0), (13, 80, 1.0, 1.0)]):
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.4).astype(int)
    s = shift * (2 * y - 1) + scale * rng.standard_normal(n)
    m = LogisticRegression(penalty='none', solver='newton-cg', tol=1e-14, max_iter=1000).fit(s[:, None], y)
    print(f"case,{case},{m.coef_[0,0]!r},{m.intercept_[0]!r}")
    for i in range(n):
        print(f"row,{case},{y[i]},{s[i]!r}")
