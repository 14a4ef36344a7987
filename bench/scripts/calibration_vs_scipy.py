"""Temperature scaling on 50 000 x 100 logits: entropic (safeguarded Newton in log T, exact
derivatives) vs scipy 1.10 minimize_scalar(method='bounded') on the NLL in log T over [log 1e-4, log 1e4].

Build first:  JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 ./mvnw -B -q -pl calibration -am package -DskipTests
Run from the repository root:  /usr/bin/python3 bench/scripts/calibration_vs_scipy.py
Both sides fit the same seeded logits (numpy default_rng(0)); each side reports the best of 5 timed
fits (Java after 3 warm-up fits, in one JVM run started by this script). Prints T, times and the ratio.
"""
import os, subprocess, sys, tempfile, time
import numpy as np
from scipy.optimize import minimize_scalar
from scipy.special import logsumexp

n, k = 50_000, 100
rng = np.random.default_rng(0)
y = rng.integers(0, k, n)
z = 4.0 * rng.standard_normal((n, k))
z[np.arange(n), y] += 6.0

def nll(u):
    zt = z / np.exp(u)
    return np.mean(logsumexp(zt, axis=1) - zt[np.arange(n), y])

best, res = float("inf"), None
for _ in range(5):
    t0 = time.perf_counter()
    res = minimize_scalar(nll, bounds=(np.log(1e-4), np.log(1e4)), method="bounded")
    best = min(best, time.perf_counter() - t0)
print(f"scipy   T={np.exp(res.x):.12g} seconds={best:.4f} evaluations={res.nfev}")

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
m2 = os.path.expanduser("~/.m2/repository")
cp = ":".join([
    os.path.join(root, "calibration/target/classes"),
    os.path.join(root, "core/target/classes"),
    os.path.join(m2, "org/apache/commons/commons-rng-client-api/1.6/commons-rng-client-api-1.6.jar"),
])
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin/java")
with tempfile.TemporaryDirectory() as d:
    base = os.path.join(d, "tb")
    z.astype("<f8").tofile(base + ".logits")
    y.astype("<i8").tofile(base + ".labels")
    out = subprocess.run([java, "-cp", cp, os.path.join(root, "bench/scripts/TemperatureBench.java"),
                          base, str(n), str(k)], check=True, capture_output=True, text=True).stdout.split()
t_java, s_java, it_java = float(out[0]), float(out[1]), int(out[2])
print(f"entropic T={t_java:.12g} seconds={s_java:.4f} iterations={it_java}")
print(f"ratio scipy/entropic = {best / s_java:.1f}x")
