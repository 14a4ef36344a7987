"""Generates score_bands.csv, the embedded demo data of `entropic demo`.

Synthetic credit portfolio: 9000 good accounts with scores ~ N(640, 60) and 1000 bad accounts with
scores ~ N(580, 65) (numpy default_rng(2026)); bands are the deciles of the good scores, intervals
right-closed, lowest band first. Run from the repository root:
  /usr/bin/python3 cli/scripts/make_score_bands.py > cli/src/main/resources/demo/score_bands.csv
"""
import numpy as np

rng = np.random.default_rng(2026)
goods = rng.normal(640, 60, 9000)
bads = rng.normal(580, 65, 1000)
edges = np.quantile(goods, np.linspace(0, 1, 11))
edges[0], edges[-1] = -np.inf, np.inf
g = np.histogram(goods, edges)[0]
b = np.histogram(bads, edges)[0]
print("# Demo data for `entropic demo`: counts of good and bad accounts per credit-score band.")
print("# Synthetic, made by make_score_bands.py (numpy %s, seed 2026): goods ~ N(640, 60) x 9000," % np.__version__)
print("# bads ~ N(580, 65) x 1000, bands = deciles of the good scores, lowest band first.")
print("# columns: band_upper_score (last band unbounded), goods, bads")
for i in range(10):
    upper = edges[i + 1]
    print("%s,%d,%d" % ("inf" if np.isinf(upper) else "%.1f" % upper, g[i], b[i]))
