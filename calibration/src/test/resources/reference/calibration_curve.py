"""Reference for ReliabilityCurveTest: scikit-learn 1.2 calibration_curve(y, p, n_bins=10,
strategy='uniform') on numpy default_rng(21) data (p ~ Beta(2, 5), y ~ Bernoulli(p^0.7)).
Rows: "row", y, p | "prob_true", ... | "prob_pred", ...   Run: python3 calibration_curve.py > calibration_curve.csv
"""
import numpy as np
from sklearn.calibration import calibration_curve

rng = np.random.default_rng(21)
p = rng.beta(2, 5, 700)
y = (rng.uniform(size=700) < p ** 0.7).astype(int)
t, m = calibration_curve(y, p, n_bins=10, strategy="uniform")
print("# sklearn calibration_curve reference, made by calibration_curve.py (see its docstring)")
for a, b in zip(y, p):
    print(f"row,{a},{b!r}")
print(",".join(["prob_true"] + [repr(float(v)) for v in t]))
print(",".join(["prob_pred"] + [repr(float(v)) for v in m]))
