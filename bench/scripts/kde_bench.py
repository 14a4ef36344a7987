"""Peer benchmark: 1-D FFT KDE of 10^6 N(0,1) points on a 2048-point grid, entropic vs
statsmodels KDEUnivariate.fit(fft=True) (gaussian, bw='normal_reference' = 1.059 min(sd, IQR/1.349) n^-1/5,
the same formula as our scott-robust up to R's 1.34). Both sides include bandwidth selection.
Run from the repository root after `./mvnw -B -pl estimators -am package -DskipTests`:
    /usr/bin/python3 bench/scripts/kde_bench.py
(M2_REPO=/path/to/repository selects a non-default local Maven repository.)"""
import os, subprocess, time
import numpy as np
import statsmodels
from statsmodels.nonparametric.kde import KDEUnivariate

N, G = 1_000_000, 2048
x = np.random.default_rng(42).normal(size=N)
best = 1e9
for _ in range(5):
    t0 = time.perf_counter()
    k = KDEUnivariate(x); k.fit(kernel="gau", fft=True, gridsize=G)
    best = min(best, time.perf_counter() - t0)
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
repo = ["-Dmaven.repo.local=" + os.environ["M2_REPO"]] if os.environ.get("M2_REPO") else []
res = subprocess.run([os.path.join(root, "mvnw"), "-q", "-o", *repo, "-pl", "estimators", "dependency:build-classpath",
                      "-Dmdep.outputFile=/dev/stdout"], cwd=root, capture_output=True, text=True)
cp = res.stdout.strip()
if res.returncode != 0:  # no dependency plugin in that repository: take the commons jars from it directly
    import glob
    m2 = os.environ.get("M2_REPO", os.path.expanduser("~/.m2/repository"))
    cp = ":".join(sorted(glob.glob(os.path.join(m2, "org/apache/commons/commons-rng-*/*/*.jar"))
                         + glob.glob(os.path.join(m2, "org/apache/commons/commons-numbers-*/*/*.jar"))))
cp = ":".join([os.path.join(root, "estimators/target/classes"), os.path.join(root, "core/target/classes"), cp])
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin", "java")
out = subprocess.run([java, "-cp", cp, os.path.join(root, "bench/scripts/KdeBench.java"), str(N), str(G)],
                     capture_output=True, text=True, check=True).stdout.split()
ours = float(out[0])
print("uptime:", subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip())
print(f"1-D FFT KDE n={N} grid={G}: statsmodels {statsmodels.__version__} {best:.4f} s, entropic {ours:.4f} s, ratio {best/ours:.1f}x")
