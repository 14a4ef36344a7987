#!/usr/bin/python3
"""Reference values for the transport module, produced by POT 0.8.2 (Debian python3-pot).

Run:  /usr/bin/python3 pot_reference.py > pot_reference.json
Every case stores its inputs (points, weights, cost matrix) so the Java tests recompute them.
"""
import json
import sys

import numpy as np
import ot

rng = np.random.default_rng(20261122)
cases = []


def cloud(n, d, shift=0.0):
    return rng.normal(size=(n, d)) + shift


def weights(n, zeros=0):
    w = rng.uniform(0.1, 1.0, size=n)
    if zeros:
        w[rng.choice(n, zeros, replace=False)] = 0.0
    return w / w.sum()


def emd_case(name, xs, xt, a, b, metric):
    M = ot.dist(xs, xt, metric=metric)
    value = ot.emd2(a, b, M, numItermax=10_000_000)
    cases.append(dict(kind="emd2", name=name, xs=xs.tolist(), xt=xt.tolist(), a=a.tolist(), b=b.tolist(),
                      metric=metric, value=float(value)))


def sinkhorn_case(name, xs, xt, a, b, reg, normalise):
    M = ot.dist(xs, xt)
    if normalise:
        M = M / M.max()
    P, log = ot.sinkhorn(a, b, M, reg, method="sinkhorn_log", numItermax=1_000_000, stopThr=1e-13, log=True)
    value = float(np.sum(P * M))  # what ot.sinkhorn2 returns in 0.8.2
    value2 = float(ot.sinkhorn2(a, b, M, reg, method="sinkhorn_log", numItermax=1_000_000, stopThr=1e-13))
    assert abs(value - value2) < 1e-12
    err = float(np.abs(P.sum(1) - a).sum() + np.abs(P.sum(0) - b).sum())
    cases.append(dict(kind="sinkhorn2", name=name, xs=xs.tolist(), xt=xt.tolist(), a=a.tolist(), b=b.tolist(),
                      metric="sqeuclidean", normalise=normalise, reg=reg, value=value,
                      plan=P.ravel().tolist(), marginalError=err))


def emd1d_case(name, x, y, a, b, p):
    value = float(ot.wasserstein_1d(x, y, a, b, p=p))  # = W_p^p
    cases.append(dict(kind="wasserstein_1d", name=name, x=x.tolist(), y=y.tolist(), a=a.tolist(), b=b.tolist(),
                      p=p, value=value))


def sliced_case(name, xs, xt, a, b, k, p):
    d = xs.shape[1]
    proj = rng.normal(size=(d, k))
    proj /= np.linalg.norm(proj, axis=0, keepdims=True)
    value = float(ot.sliced_wasserstein_distance(xs, xt, a, b, n_projections=k, p=p, projections=proj))
    cases.append(dict(kind="sliced", name=name, xs=xs.tolist(), xt=xt.tolist(), a=a.tolist(), b=b.tolist(),
                      p=p, projections=proj.T.tolist(), value=value))


u = lambda n: np.full(n, 1.0 / n)
emd_case("uniform 5x7 d=2", cloud(5, 2), cloud(7, 2, 1.0), u(5), u(7), "sqeuclidean")
emd_case("weighted 20x20 d=3", cloud(20, 3), cloud(20, 3, 0.5), weights(20), weights(20), "sqeuclidean")
emd_case("weighted 40x30 d=2 euclidean", cloud(40, 2), cloud(30, 2, 2.0), weights(40), weights(30), "euclidean")
emd_case("zeros 25x25 d=2 cityblock", cloud(25, 2), cloud(25, 2), weights(25, 3), weights(25, 4), "cityblock")
emd_case("uniform 100x80 d=5", cloud(100, 5), cloud(80, 5, 0.3), u(100), u(80), "sqeuclidean")

sinkhorn_case("uniform 10x12 reg=0.5", cloud(10, 2), cloud(12, 2, 1.0), u(10), u(12), 0.5, False)
sinkhorn_case("weighted 30x25 reg=0.05 max1", cloud(30, 2), cloud(25, 2, 1.0), weights(30), weights(25), 0.05, True)
sinkhorn_case("weighted 40x40 reg=0.01 max1", cloud(40, 3), cloud(40, 3, 0.5), weights(40), weights(40), 0.01, True)
sinkhorn_case("uniform 50x50 reg=0.002 max1", cloud(50, 2), cloud(50, 2, 1.0), u(50), u(50), 0.002, True)

emd1d_case("1d uniform p=1", rng.normal(size=30), rng.normal(size=20) + 1, u(30), u(20), 1)
emd1d_case("1d weighted p=2", rng.normal(size=25), rng.exponential(size=35), weights(25), weights(35), 2)
emd1d_case("1d weighted p=3", rng.normal(size=40), rng.normal(size=40) * 2, weights(40), weights(40), 3)

sliced_case("sliced d=3 p=2", cloud(50, 3), cloud(60, 3, 1.0), u(50), u(60), 20, 2)
sliced_case("sliced weighted d=5 p=1", cloud(40, 5), cloud(30, 5, 0.5), weights(40), weights(30), 15, 1)



def unbalanced_case(name, xs, xt, a, b, reg, reg_m):
    M = ot.dist(xs, xt)
    M = M / M.max()
    P = ot.unbalanced.sinkhorn_unbalanced(a, b, M, reg, reg_m, method="sinkhorn", numItermax=1_000_000, stopThr=1e-15)
    cases.append(dict(kind="unbalanced", name=name, xs=xs.tolist(), xt=xt.tolist(), a=a.tolist(), b=b.tolist(),
                      metric="sqeuclidean", normalise=True, reg=reg, reg_m=reg_m, plan=P.ravel().tolist()))


unbalanced_case("unbalanced 15x20 reg=0.05 reg_m=1", cloud(15, 2), cloud(20, 2, 1.0), weights(15), 2 * weights(20), 0.05, 1.0)
unbalanced_case("unbalanced 25x10 reg=0.1 reg_m=0.2", cloud(25, 2), cloud(10, 2, 0.5), u(25), weights(10), 0.1, 0.2)

def barycenter_case(name, n, reg, weights_):
    x = np.arange(n, dtype=np.float64)
    a1 = ot.datasets.make_1D_gauss(n, m=n * 0.25, s=n * 0.06)
    a2 = ot.datasets.make_1D_gauss(n, m=n * 0.7, s=n * 0.1)
    A = np.vstack((a1, a2)).T
    M = ot.utils.dist0(n)
    M /= M.max()
    # method="sinkhorn_log": for the first case POT's scaling-domain method stops after 50 iterations on its
    # std-of-UKv criterion far from the fixed point (q[30] = 0.0604 vs 0.0502); the log-domain method converges
    bary = ot.bregman.barycenter(A, M, reg, np.array(weights_), method="sinkhorn_log", numItermax=100_000, stopThr=1e-14)
    cases.append(dict(kind="barycenter", name=name, histograms=A.T.tolist(), cost=M.ravel().tolist(), reg=reg,
                      weights=list(weights_), value=bary.tolist()))


barycenter_case("barycenter 1-D n=60 reg=0.01", 60, 0.01, [0.3, 0.7])
barycenter_case("barycenter 1-D n=40 reg=0.003", 40, 0.003, [0.5, 0.5])

json.dump(dict(source="POT %s (ot.emd2, ot.sinkhorn2 method='sinkhorn_log' stopThr=1e-13, ot.wasserstein_1d, "
                      "ot.sliced_wasserstein_distance with explicit projections, ot.unbalanced.sinkhorn_unbalanced stopThr=1e-15, ot.bregman.barycenter method='sinkhorn_log' stopThr=1e-14), numpy %s" % (ot.__version__, np.__version__),
               cases=cases), sys.stdout, indent=None)
