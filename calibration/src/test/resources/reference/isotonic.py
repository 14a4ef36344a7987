"""Reference isotonic calibration for IsotonicCalibrationTest.

scikit-learn 1.2 IsotonicRegression(out_of_bounds='clip') fitted on (s, y), then predict on a grid
that spans beyond the data (clipping) and hits the thresholds; run by /usr/bin/python3:
    python3 isotonic.py > isotonic.csv
Data: numpy.random.default_rng(21); y ~ Bernoulli(0.5); s = round(2y - 1 + N(0,1), 1) (ties on purpose).
"""
import numpy as np, sklearn
from sklearn.isotonic import IsotonicRegression
rng = np.random.default_rng(21)
n = 400
y = (rng.random(n) < 0.5).astype(int)
s = np.round(2 * y - 1 + rng.standard_normal(n), 1)
m = IsotonicRegression(out_of_bounds='clip').fit(s, y)
grid = np.concatenate([np.linspace(-6, 6, 241), np.linspace(-1.03, 1.07, 17)])
p = m.predict(grid)
print(f"# scikit-learn {sklearn.__version__} IsotonicRegression(out_of_bounds='clip'); 'fit,label,score' / 'grid,score,prediction' / 'threshold,x,y'")
for i in range(n):
    print(f"fit,{y[i]},{s[i]!r}")
for g, q in zip(grid, p):
    print(f"grid,{g!r},{q!r}")
for a, b in zip(m.X_thresholds_, m.y_thresholds_):
    print(f"threshold,{a!r},{b!r}")
