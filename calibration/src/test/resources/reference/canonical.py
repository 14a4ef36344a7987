"""Reference canonical (joint-vector) calibration error for CalibrationErrorTest.

numpy: 3-class probability rows (default_rng(8): Dirichlet(1,1,1)), labels drawn from a distorted
version of each row; cells = (bin of p0, bin of p1) with equal-width bins (j-1)/B < p <= j/B
(the first bin also takes 0), B = 5; CE_1 = sum_c w_c ||ybar_c - pbar_c||_1,
CE_2 = sqrt(sum_c w_c ||ybar_c - pbar_c||_2^2), CE_max = max_c ||ybar_c - pbar_c||_inf.
Rows: "row", label, p0, p1, p2 | "ce", l1, l2, max.  Run: python3 canonical.py > canonical.csv
"""
import numpy as np

rng = np.random.default_rng(8)
n, k, B = 600, 3, 5
p = rng.dirichlet(np.ones(k), n)
q = p ** 2 / (p ** 2).sum(1, keepdims=True)
y = np.array([rng.choice(k, p=r) for r in q])
cells = {}
for r, lab in zip(p, y):
    key = tuple(int(min(B - 1, max(0, np.ceil(v * B) - 1))) for v in r[:-1])
    acc = cells.setdefault(key, [np.zeros(k), np.zeros(k), 0])
    acc[0] += r
    acc[1][lab] += 1
    acc[2] += 1
l1 = l2 = mx = 0.0
for sp, sy, c in cells.values():
    d = np.abs(sy / c - sp / c)
    l1 += c / n * d.sum()
    l2 += c / n * (d ** 2).sum()
    mx = max(mx, d.max())
print("# canonical calibration error reference, made by canonical.py (see its docstring)")
for r, lab in zip(p, y):
    print(",".join(["row", str(int(lab))] + [repr(float(v)) for v in r]))
print(",".join(["ce", repr(l1), repr(float(np.sqrt(l2))), repr(float(mx))]))
