"""Reference scores for ScoresTest.

scikit-learn 1.2 brier_score_loss and log_loss on a binary sample, and numpy's Murphy decomposition
(forecasts grouped by distinct value); run by
/usr/bin/python3:  python3 scores.py > scores.csv
Data: numpy.random.default_rng(31); p = round(U(0,1), 1) (repeated forecasts); y ~ Bernoulli(p^1.3).
"""
import numpy as np, sklearn
from sklearn.metrics import brier_score_loss, log_loss
rng = np.random.default_rng(31)
n = 300
p = np.clip(np.round(rng.random(n), 1), 0.05, 0.95)
y = (rng.random(n) < p ** 1.3).astype(int)
bs = brier_score_loss(y, p)
ll = log_loss(y, p)
base = y.mean()
rel = res = 0.0
for f in np.unique(p):
    m = p == f
    rel += m.sum() * (f - y[m].mean()) ** 2
    res += m.sum() * (y[m].mean() - base) ** 2
print(f"# scikit-learn {sklearn.__version__} numpy {np.__version__}; 'value,name,x' then 'row,label,p'")
print(f"value,brier,{bs!r}")
print(f"value,nll,{ll!r}")
print(f"value,reliability,{rel / n!r}")
print(f"value,resolution,{res / n!r}")
print(f"value,uncertainty,{base * (1 - base)!r}")
print(f"value,accuracy,{np.mean((p > 0.5) == y)!r}")
for i in range(n):
    print(f"row,{y[i]},{p[i]!r}")
