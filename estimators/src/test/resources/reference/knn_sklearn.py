"""scikit-learn cross-check of KnnMutualInformation (KSG algorithm 1).

sklearn.feature_selection.mutual_info_regression implements KSG with the same strict count
(radius nextafter(eps, 0)), but (1) divides x and y by their standard deviation (ddof=0), (2) adds
noise 1e-10 * max(1, mean|v|) * N(0, 1) to every value, (3) clips the estimate at 0. To compare on the
same data we pass data already standardised (ddof=0), so (1) is a no-op up to rounding, keep the
estimate positive, and accept the tiny noise of (2) (tolerance in the Java test).
Run: /usr/bin/python3 knn_sklearn.py > knn_sklearn.json
"""
import json
import sys

import numpy as np
import sklearn
from sklearn.feature_selection import mutual_info_regression


def main():
    rng = np.random.default_rng(99)
    cases = []
    for n, k, kind in [(1000, 3, "linear"), (1500, 5, "linear"), (1200, 4, "sine")]:
        x = rng.standard_normal(n)
        y = 0.7 * x + 0.7 * rng.standard_normal(n) if kind == "linear" else np.sin(2 * x) + 0.3 * rng.standard_normal(n)
        x = x / x.std()
        y = y / y.std()
        v = float(mutual_info_regression(x.reshape(-1, 1), y, n_neighbors=k, random_state=0)[0])
        cases.append({"k": k, "x": x.tolist(), "y": y.tolist(), "value": v})
    json.dump({"source": "scikit-learn %s mutual_info_regression(random_state=0); numpy %s; script knn_sklearn.py"
               % (sklearn.__version__, np.__version__), "cases": cases}, sys.stdout)


if __name__ == "__main__":
    main()
