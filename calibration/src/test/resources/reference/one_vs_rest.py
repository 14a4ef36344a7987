"""Reference one-vs-rest isotonic calibration for OneVsRestTest.

Seeded 4-class logits (numpy default_rng(11)): 400 fit rows and 60 query rows, labels drawn from
softmax(z / 0.5) (so the logits are under-confident). For each class c the binary score is
logit(softmax(z)_c) = z_c - log sum_{j != c} exp(z_j); scikit-learn 1.2
IsotonicRegression(out_of_bounds='clip') is fitted on (score_c, 1[y = c]) and predicts the queries;
rows are divided by their sum (1/k where the sum is 0), as CalibratedClassifierCV does.
Rows: "fit", label, z0..z3  |  "query", z0..z3, expected p0..p3.  Run: python3 one_vs_rest.py > one_vs_rest.csv
"""
import numpy as np
from scipy.special import logsumexp
from sklearn.isotonic import IsotonicRegression

rng = np.random.default_rng(11)
k = 4
z = rng.normal(0, 1.5, (400, k))
p = np.exp(z / 0.5 - logsumexp(z / 0.5, axis=1, keepdims=True))
y = np.array([rng.choice(k, p=row) for row in p])
q = rng.normal(0, 1.5, (60, k))


def scores(m, c):
    rest = logsumexp(np.delete(m, c, axis=1), axis=1)
    return m[:, c] - rest


out = np.zeros((60, k))
for c in range(k):
    iso = IsotonicRegression(out_of_bounds="clip").fit(scores(z, c), (y == c).astype(float))
    out[:, c] = iso.predict(scores(q, c))
s = out.sum(axis=1, keepdims=True)
out = np.where(s > 0, out / np.where(s > 0, s, 1), 1.0 / k)
print("# one-vs-rest isotonic reference, made by one_vs_rest.py (see its docstring)")
for label, row in zip(y, z):
    print(",".join(["fit", str(int(label))] + [repr(float(v)) for v in row]))
for row, e in zip(q, out):
    print(",".join(["query"] + [repr(float(v)) for v in row] + [repr(float(v)) for v in e]))
