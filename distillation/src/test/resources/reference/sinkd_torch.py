"""Reference values for entropic's SinkhornDistillation (SinKD).

PyTorch 1.13 float64 autograd. Run: /usr/bin/python3 sinkd_torch.py > sinkd_torch.txt
unrolled: the SinKD reference algorithm (cdist p=1 between student and teacher tempered
  distributions, K = exp(-W/eps), 20 rounds of row- then column-normalisation), value
  sum(P*W)/B, gradient by autograd through the rounds.
converged: entropic OT value <P,W> + eps*KL(P | a x b), uniform marginals, by 3000 log-domain
  Sinkhorn iterations; gradient by autograd through all iterations (equal to the envelope
  gradient at convergence). The plan is cross-checked against POT 0.8.2 ot.sinkhorn_log.
Format: case NAME MODE TAU EPS B C / teacher / student / loss / grad
"""
import numpy as np
import torch
import torch.nn.functional as F
import ot

torch.set_default_dtype(torch.float64)


def unrolled(s, t, tau, eps, rounds=20):
    q = F.softmax(s / tau, dim=1)
    p = F.softmax(t / tau, dim=1)
    w = torch.cdist(q, p, p=1)
    x = torch.exp(-w / eps)
    for _ in range(rounds):
        x = x / x.sum(dim=1, keepdim=True)
        x = x / x.sum(dim=0, keepdim=True)
    return (x * w).sum() / s.shape[0]


def converged(s, t, tau, eps, iters=3000):
    q = F.softmax(s / tau, dim=1)
    p = F.softmax(t / tau, dim=1)
    w = torch.cdist(q, p, p=1)
    b = s.shape[0]
    loga = -np.log(b)
    f = torch.zeros(b)
    g = torch.zeros(b)
    for _ in range(iters):
        f = eps * (loga - torch.logsumexp((g[None, :] - w) / eps, dim=1))
        g = eps * (loga - torch.logsumexp((f[:, None] - w) / eps, dim=0))
    lp = (f[:, None] + g[None, :] - w) / eps
    P = lp.exp()
    # POT cross-check of the plan
    Pot = ot.sinkhorn(np.full(b, 1.0 / b), np.full(b, 1.0 / b), w.detach().numpy(), eps,
                      method="sinkhorn_log", numItermax=100000, stopThr=1e-14)
    assert np.abs(Pot - P.detach().numpy()).max() < 1e-10, np.abs(Pot - P.detach().numpy()).max()
    return (P * (w + eps * (lp - 2 * loga))).sum()


rng = np.random.default_rng(7)
print("# PyTorch", torch.__version__, "float64 autograd; POT", ot.__version__, "; seed 7")
n = 0
for mode in ("unrolled", "converged"):
    for (b, c, tau, eps, scale) in ((4, 5, 2.0, 0.1, 2.0), (6, 10, 2.0, 0.1, 3.0),
                                     (3, 4, 1.0, 0.5, 1.0), (8, 7, 2.0, 0.05, 4.0)):
        t = torch.tensor(rng.normal(0, scale, (b, c)))
        s = torch.tensor(rng.normal(0, scale, (b, c)), requires_grad=True)
        loss = unrolled(s, t, tau, eps) if mode == "unrolled" else converged(s, t, tau, eps)
        loss.backward()
        print("case", "s%d" % n, mode, repr(tau), repr(eps), b, c)
        print("teacher", " ".join(repr(float(v)) for v in t.flatten()))
        print("student", " ".join(repr(float(v)) for v in s.detach().flatten()))
        print("loss", repr(float(loss)))
        print("grad", " ".join(repr(float(v)) for v in s.grad.flatten()))
        n += 1
