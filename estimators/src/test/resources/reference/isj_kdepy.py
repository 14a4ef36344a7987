"""Reference for the isj bandwidth from KDEpy's own functions (tommyod/KDEpy, master 5f85ae9, 2026-03-13;
not installable here from PyPI: built in place with `python3 setup.py build_ext --inplace` from a
checkout, Debian cython3 + python3-dev, and put on PYTHONPATH as KDEPY_SRC below).

KDEpy's public improved_sheather_jones(data) differs from Botev's kde.m in two conventions: its grid
is 2^10 points padded by max(0.5 * range, 6) data units (an absolute pad: the result is not scale
equivariant) and it returns sqrt(t*) * (max - min of the DATA) although t* is measured in units of
the GRID span (kde.m returns sqrt(t*) * span). entropic follows kde.m (grid of 2^14 points on
[min - R/2, max + R/2], h = sqrt(t*) * span). This script therefore takes KDEpy's pieces -- its
linear_binning, scipy fftpack DCT-II as KDEpy calls it, its _fixed_point (l = 7) and its _root
(Botev's bracket rule) -- on kde.m's grid, and reports t* and h = sqrt(t*) * span; it also records
KDEpy's public value for the record ("kdepy_public").
Run: KDEPY_SRC=/path/to/KDEpy-checkout /usr/bin/python3 isj_kdepy.py > isj_kdepy.json"""
import json, os, sys, types
import numpy as np
from scipy import fftpack

src = os.environ.get("KDEPY_SRC", "/tmp/kdepy")
pkg = types.ModuleType("KDEpy")  # KDEpy/__init__ needs installed package metadata: load the modules directly
pkg.__path__ = [os.path.join(src, "KDEpy")]
sys.modules["KDEpy"] = pkg
from KDEpy.binning import linear_binning
from KDEpy.bw_selection import _fixed_point, _root, improved_sheather_jones

GRID = 2 ** 14
ref = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "isj_numpy.json")))
out = {"producer": "KDEpy 5f85ae9 linear_binning/_fixed_point/_root on Botev kde.m's grid (2^14 points, "
                   "[min - R/2, max + R/2]), h = sqrt(t*) * span; see isj_kdepy.py", "cases": []}
for c in ref["cases"]:
    x = np.array(c["data"], dtype=float)
    lo, hi = x.min(), x.max()
    r = hi - lo
    grid = np.linspace(lo - r / 2, hi + r / 2, GRID)
    span = grid[-1] - grid[0]
    binned = linear_binning(x.reshape(-1, 1), grid.reshape(-1, 1), None)
    a = fftpack.dct(binned)
    n_distinct = len(np.unique(x))
    i_sq = np.arange(1, GRID, dtype=float) ** 2
    t_star = _root(_fixed_point, n_distinct, args=(n_distinct, i_sq, a[1:] ** 2))
    out["cases"].append({"name": c["name"], "t": float(t_star), "h": float(np.sqrt(t_star) * span),
                         "kdepy_public": float(improved_sheather_jones(x.reshape(-1, 1)))})
json.dump(out, sys.stdout, indent=1)
