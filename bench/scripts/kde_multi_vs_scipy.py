"""Peer benchmark: exact 5-D gaussian KDE (scott), n = 2*10^4 data, m = 2*10^3 queries,
entropic MultivariateKernelDensity (EXACT) vs scipy.stats.gaussian_kde.evaluate, measured in the
same run (best of 5 for scipy; best of the last 10 of 40 for entropic, after JIT warm-up). Both
sides include bandwidth selection; the script checks that the densities agree.
Run from the repository root after `./mvnw -B -o -pl estimators -am install -DskipTests`:
    /usr/bin/python3 bench/scripts/kde_multi_vs_scipy.py [--m2 ~/.m2/repository] [n m d]"""
import argparse, os, subprocess, tempfile, time
import numpy as np
import scipy
from scipy.stats import gaussian_kde

p = argparse.ArgumentParser()
p.add_argument("--m2", default=os.environ.get("M2_REPO", os.path.expanduser("~/.m2/repository")),
               help="local Maven repository holding the dependencies")
p.add_argument("sizes", nargs="*", type=int, default=[20000, 2000, 5])
a = p.parse_args()
n, m, d = a.sizes
rng = np.random.default_rng(42)
x = rng.normal(size=(n, d))
q = rng.normal(size=(m, d))
best = 1e9
for _ in range(5):
    t0 = time.perf_counter()
    dens = gaussian_kde(x.T).evaluate(q.T)
    best = min(best, time.perf_counter() - t0)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
cp = subprocess.run([os.path.join(root, "mvnw"), "-q", "-o", "-Dmaven.repo.local=" + a.m2, "-pl", "estimators",
                     "dependency:build-classpath", "-Dmdep.outputFile=/dev/stdout"],
                    cwd=root, capture_output=True, text=True).stdout.strip()
cp = ":".join([os.path.join(root, "estimators/target/classes"), os.path.join(root, "core/target/classes"), cp])
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
with tempfile.TemporaryDirectory() as tmp:
    fx, fq = os.path.join(tmp, "x.bin"), os.path.join(tmp, "q.bin")
    x.astype("<f8").tofile(fx)
    q.astype("<f8").tofile(fq)
    out = subprocess.run([java, "-cp", cp, os.path.join(root, "bench/scripts/KdeMultiBench.java"), fx, fq,
                          str(n), str(m), str(d)], capture_output=True, text=True, check=True).stdout.split()
ours, first = float(out[0]), float(out[1])
assert abs(first - dens[0]) <= 1e-10 * dens[0], (first, dens[0])
load = open("/proc/loadavg").read().split()[0]
print(f"exact {d}-D gaussian KDE n={n} m={m}: scipy {scipy.__version__} {best:.4f} s, "
      f"entropic {ours:.4f} s, ratio {best/ours:.1f}x (load average {load}, {os.cpu_count()} cpus)")
