#!/usr/bin/python3
"""KD loss + gradient, batch 512 x 32000 float32, tau = 2: entropic vs PyTorch CPU (2 threads).

PyTorch side: kl_div(log_softmax(s/tau), log_softmax(t/tau), log_target=True,
reduction='batchmean') * tau^2, then backward(); best of 3.
entropic side: DistillationLoss.kd().withTemperature(2).withParallelism(2) on the same float32
arrays (bench/scripts/DistillBench.java run by the java source launcher against the built jars);
best of 3 after 3 warm-up calls (JIT).
Prints both times, both losses and the ratio torch/entropic.

Build first:  ./mvnw -B -q -pl distillation -am install -DskipTests
Run:          /usr/bin/python3 bench/scripts/distill_vs_torch.py [B C]
"""
import glob
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

B = int(sys.argv[1]) if len(sys.argv) > 1 else 512
C = int(sys.argv[2]) if len(sys.argv) > 2 else 32000
TAU = 2.0
THREADS = 2
REPEATS = 3

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
rng = np.random.default_rng(42)
t = (rng.standard_normal((B, C), dtype=np.float32) * 3).astype(np.float32)
s = (rng.standard_normal((B, C), dtype=np.float32) * 3).astype(np.float32)

torch.set_num_threads(THREADS)
tt = torch.from_numpy(t)
best = float("inf")
for _ in range(REPEATS):
    st = torch.from_numpy(s.copy()).requires_grad_(True)
    t0 = time.perf_counter()
    loss = F.kl_div(F.log_softmax(st / TAU, dim=1), F.log_softmax(tt / TAU, dim=1),
                    log_target=True, reduction="batchmean") * TAU * TAU
    loss.backward()
    best = min(best, time.perf_counter() - t0)
torch_loss = float(loss)
torch_time = best
with torch.no_grad():  # float64 evaluation of the same float32 inputs, for accuracy
    t64, s64 = tt.double(), torch.from_numpy(s).double()
    exact = float(F.kl_div(F.log_softmax(s64 / TAU, dim=1), F.log_softmax(t64 / TAU, dim=1),
                           log_target=True, reduction="batchmean") * TAU * TAU)
    del t64, s64

jars = [os.path.join(root, "core/target/entropic-core-0.1.0-SNAPSHOT.jar"),
        os.path.join(root, "divergences/target/entropic-divergences-0.1.0-SNAPSHOT.jar"),
        os.path.join(root, "distillation/target/entropic-distillation-0.1.0-SNAPSHOT.jar")]
m2 = os.path.expanduser("~/.m2/repository")
jars += glob.glob(m2 + "/org/apache/commons/commons-rng-*/1.6/*.jar")
jars += glob.glob(m2 + "/org/apache/commons/commons-statistics-distribution/1.1/*.jar")
jars += glob.glob(m2 + "/org/hipparchus/hipparchus-core/4.0.2/*.jar")
jars += glob.glob(m2 + "/org/ejml/ejml-*/0.44.0/*.jar")
java = os.path.join(os.environ.get("JAVA_HOME", "/usr/lib/jvm/temurin-25-jdk-amd64"), "bin/java")
with tempfile.TemporaryDirectory() as d:
    tf, sf = os.path.join(d, "t.f32"), os.path.join(d, "s.f32")
    t.astype("<f4").tofile(tf)
    s.astype("<f4").tofile(sf)
    out = subprocess.run([java, "-XX:ActiveProcessorCount=%d" % THREADS, "-Xmx2g", "-cp", os.pathsep.join(jars),
                          os.path.join(root, "bench/scripts/DistillBench.java"), tf, sf, str(B), str(C),
                          str(THREADS), str(REPEATS)], capture_output=True, text=True, check=True).stdout.split()
ours_loss, ours_time = float(out[0]), float(out[1])
print("problem: KD loss+gradient, %d x %d float32, tau=%g, %d threads, best of %d" % (B, C, TAU, THREADS, REPEATS))
print("torch %s: %.4f s  loss %.9g" % (torch.__version__, torch_time, torch_loss))
print("entropic: %.4f s  loss %.9g  (relative loss difference %.2e)"
      % (ours_time, ours_loss, abs(ours_loss - torch_loss) / abs(torch_loss)))
print("relative error vs float64 evaluation: torch %.2e, entropic %.2e"
      % (abs(torch_loss - exact) / exact, abs(ours_loss - exact) / exact))
print("ratio torch/entropic: %.2fx" % (torch_time / ours_time))
