"""Peer benchmark for the kNN and two-sample estimators, entropic vs numpy/scipy on the same seeded data
(values must agree; the ratio is peer seconds / entropic seconds, >1 = entropic faster).
  entropy: Kozachenko-Leonenko, scipy.spatial.cKDTree(workers=2) query of k+1 neighbours + formula
  mi:      KSG algorithm 1, cKDTree max-norm query + query_ball_point(return_length) counts (workers=2)
  mmd:     unbiased MMD^2, numpy with full cdist matrices (the usual peer code)
  mmdtest: permutation test, numpy: the kernel matrix once, then B permuted index sums
  energy:  1-D, scipy.stats.energy_distance (O(n log n) via sorted CDFs) vs our O(n^2) pairwise sums
Entropic times are best-of-3 after at least 2 s (and 2 runs) of warm-up in one JVM; peer times best-of-3. Run from the repository root after
`./mvnw -B -o -pl estimators -am install -DskipTests` (ENTROPIC_DEPS may give the dependency class path, e.g.
the shaded cli/target/entropic-cli-*.jar, instead of asking maven-dependency-plugin):  /usr/bin/python3 bench/scripts/knn_vs_scipy.py"""
import os, subprocess, sys, tempfile, time
import numpy as np
import scipy
from scipy.spatial import cKDTree
from scipy.spatial.distance import cdist
from scipy.special import digamma, gammaln
from scipy.stats import energy_distance

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
repo = os.environ.get("MAVEN_REPO_LOCAL")
cmd = [os.path.join(root, "mvnw"), "-q", "-o", "-pl", "estimators", "dependency:build-classpath", "-Dmdep.outputFile=/dev/stdout"]
if repo:
    cmd.append("-Dmaven.repo.local=" + repo)
cp = os.environ.get("ENTROPIC_DEPS") or subprocess.run(cmd, cwd=root, capture_output=True, text=True).stdout.strip()
cp = ":".join([os.path.join(root, "estimators/target/classes"), os.path.join(root, "core/target/classes"), cp])
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")


def ours(task, data, *args):
    with tempfile.NamedTemporaryFile(suffix=".bin", delete=False) as f:
        f.write(np.ascontiguousarray(data, dtype="<f8").tobytes())
    try:
        out = subprocess.run([java, "-cp", cp, os.path.join(root, "bench/scripts/KnnBench.java"), task,
                              str(data.shape[0]), str(data.shape[1]), f.name] + [str(a) for a in args],
                             capture_output=True, text=True, check=True).stdout.split()
    finally:
        os.unlink(f.name)
    return float(out[0]), float(out[1])


def best(fn, reps=3):
    t, v = 1e9, None
    for _ in range(reps):
        t0 = time.perf_counter()
        v = fn()
        t = min(t, time.perf_counter() - t0)
    return t, v


def kl_entropy(x, k):
    n, d = x.shape
    eps = cKDTree(x).query(x, k + 1, workers=2)[0][:, -1]
    return digamma(n) - digamma(k) + 0.5 * d * np.log(np.pi) - gammaln(0.5 * d + 1) + d * np.mean(np.log(eps))


def ksg(z, dx, k):
    n = z.shape[0]
    x, y = z[:, :dx], z[:, dx:]
    r = np.nextafter(cKDTree(z).query(z, k + 1, p=np.inf, workers=2)[0][:, -1], 0)
    nx = cKDTree(x).query_ball_point(x, r, p=np.inf, return_length=True, workers=2) - 1
    ny = cKDTree(y).query_ball_point(y, r, p=np.inf, return_length=True, workers=2) - 1
    return digamma(k) + digamma(n) - np.mean(digamma(nx + 1) + digamma(ny + 1))


def mmd(z, m, s):
    x, y = z[:m], z[m:]
    g = lambda a, b: np.exp(-cdist(a, b, "sqeuclidean") / (2 * s * s))
    kxx, kyy, kxy = g(x, x), g(y, y), g(x, y)
    n = len(y)
    return (kxx.sum() - m) / (m * (m - 1)) + (kyy.sum() - n) / (n * (n - 1)) - 2 * kxy.mean()


def mmd_test(z, m, s, b):
    k = np.exp(-cdist(z, z, "sqeuclidean") / (2 * s * s))
    np.fill_diagonal(k, 0)
    n = len(z) - m
    rng = np.random.default_rng(1)
    def stat(idx):
        x, y = idx[:m], idx[m:]
        return k[np.ix_(x, x)].sum() / (m * (m - 1)) + k[np.ix_(y, y)].sum() / (n * (n - 1)) - 2 * k[np.ix_(x, y)].sum() / (m * n)
    t0 = stat(np.arange(len(z)))
    ge = sum(stat(rng.permutation(len(z))) >= t0 for _ in range(b))
    return (1 + ge) / (1 + b)


rng = np.random.default_rng(42)
print("load:", os.getloadavg(), "| numpy", np.__version__, "scipy", scipy.__version__)
rows = []
z = rng.standard_normal((100_000, 3)) @ np.array([[1, 0.5, 0], [0, 1, 0.3], [0, 0, 1]])
tp, vp = best(lambda: kl_entropy(z, 3)); to, vo = ours("entropy", z, 3)
rows.append(("KL entropy n=100000 d=3 k=3", tp, to, vp, vo))
z = rng.standard_normal((20_000, 15))
tp, vp = best(lambda: kl_entropy(z, 3)); to, vo = ours("entropy", z, 3)
rows.append(("KL entropy n=20000 d=15 k=3 (brute force)", tp, to, vp, vo))
x = rng.standard_normal((50_000, 1)); z = np.hstack([x, 0.6 * x + 0.8 * rng.standard_normal((50_000, 1))])
tp, vp = best(lambda: ksg(z, 1, 3)); to, vo = ours("mi", z, 3, 1)
rows.append(("KSG MI n=50000 1+1-D k=3", tp, to, vp, vo))
try:
    import sklearn
    from sklearn.feature_selection import mutual_info_regression
    zs = z / z.std(axis=0)  # sklearn standardises and adds 1e-10 noise; pre-standardised data make the values comparable
    tp, vp = best(lambda: mutual_info_regression(zs[:, :1], zs[:, 1], n_neighbors=3, random_state=0)[0]); to, vo = ours("mi", zs, 3, 1)
    rows.append((f"KSG MI n=50000 vs scikit-learn {sklearn.__version__} mutual_info_regression", tp, to, vp, vo))
except ImportError:
    pass
z = np.vstack([rng.standard_normal((3000, 10)), rng.standard_normal((3000, 10)) + 0.05])
tp, vp = best(lambda: mmd(z, 3000, 3.0)); to, vo = ours("mmd", z, 3.0, 3000)
rows.append(("MMD^2_u m=n=3000 d=10", tp, to, vp, vo))
z = np.vstack([rng.standard_normal((500, 5)), rng.standard_normal((500, 5)) + 0.1])
tp, vp = best(lambda: mmd_test(z, 500, 2.0, 200), reps=1); to, vo = ours("mmdtest", z, 2.0, 200, 500)
rows.append(("MMD permutation test m=n=500 d=5 B=200 (p-values differ: different RNGs)", tp, to, vp, vo))
z = np.vstack([rng.standard_normal((5000, 1)), rng.standard_normal((5000, 1)) * 1.1])
tp, vp = best(lambda: energy_distance(z[:5000, 0], z[5000:, 0]) ** 2); to, vo = ours("energy", z, 5000)
rows.append(("energy distance 1-D m=n=5000 (scipy sqrt squared)", tp, to, vp, vo))
for name, tp, to, vp, vo in rows:
    print(f"{name}: peer {tp:.4f} s, entropic {to:.4f} s, ratio {tp/to:.2f}x | values {vp:.10g} vs {vo:.10g}")
print("load after:", os.getloadavg())
