#!/usr/bin/env python3
"""Summarises a JMH JSON result file (``-rf json -rff FILE``) as one row per parameter set.

Columns are the benchmark methods (score in the file's unit, plus ns per element when the
parameters include ``n``); rows are the parameter combinations. For DiscreteDivergenceBenchmark it
also prints kernel/naive and arrays/naive, the price of the numerics and of the whole public call
over the textbook loop.

    python3 bench/scripts/jmh_table.py result.json
"""
import json
import sys
from collections import OrderedDict


def main(path):
    with open(path) as f:
        results = json.load(f)
    table = OrderedDict()
    methods = []
    unit = None
    for r in results:
        cls, method = r["benchmark"].rsplit(".", 1)
        params = r.get("params", {})
        key = (cls.rsplit(".", 1)[1],) + tuple(f"{k}={v}" for k, v in params.items())
        table.setdefault(key, {})[method] = (r["primaryMetric"]["score"], params)
        unit = r["primaryMetric"]["scoreUnit"]
        if method not in methods:
            methods.append(method)
    print(f"scores in {unit}; in brackets ns per element where n is a parameter")
    header = ["benchmark / params"] + methods
    extra = "kernel" in methods and "naive" in methods
    if extra:
        header += ["kernel/naive", "arrays/naive"]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for key, row in table.items():
        cells = [" ".join(key)]
        for m in methods:
            if m not in row:
                cells.append("")
                continue
            score, params = row[m]
            cell = f"{score:.4g}"
            if "n" in params and unit == "us/op":
                cell += f" ({1e3 * score / int(params['n']):.3g})"
            cells.append(cell)
        if extra and "naive" in row:
            naive = row["naive"][0]
            cells.append(f"{row['kernel'][0] / naive:.2f}" if "kernel" in row else "")
            cells.append(f"{row['arrays'][0] / naive:.2f}" if "arrays" in row else "")
        print(" | ".join(cells))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: jmh_table.py RESULT.json")
    main(sys.argv[1])
