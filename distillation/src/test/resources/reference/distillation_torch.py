"""Reference losses and gradients for entropic's distillation module.

Produced with PyTorch 1.13 (Debian python3-torch) in float64: the losses are written with
torch.log_softmax / torch.nn.functional.kl_div / cross_entropy and differentiated by autograd.
Run:  /usr/bin/python3 distillation_torch.py > distillation_torch.txt
Format: blocks of whitespace-separated lines
  case NAME LOSS TAU B C LABEL_WEIGHT
  teacher v...   student v...   labels v...|-   weights v...|-   loss v   grad v...
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


def tempered(t, s, tau):
    return F.log_softmax(t / tau, dim=1), F.log_softmax(s / tau, dim=1)


def row_losses(kind, t, s, tau, labels, alpha):
    lp, lq = tempered(t, s, tau)
    p, q = lp.exp(), lq.exp()
    if kind == "kd":
        kl = F.kl_div(lq, lp, log_target=True, reduction="none").sum(1) * tau * tau
        if labels is None:
            return kl
        ce = F.cross_entropy(s, labels, reduction="none")
        return (1 - alpha) * kl + alpha * ce
    if kind == "forward-kl":
        return F.kl_div(lq, lp, log_target=True, reduction="none").sum(1)
    if kind == "reverse-kl":
        return F.kl_div(lp, lq, log_target=True, reduction="none").sum(1)
    if kind == "js":
        lm = torch.log((p + q) / 2)
        return 0.5 * (p * (lp - lm)).sum(1) + 0.5 * (q * (lq - lm)).sum(1)
    if kind.startswith("skew-kl:"):
        lam = float(kind.split(":")[1])
        lm = torch.log(lam * p + (1 - lam) * q)
        return (p * (lp - lm)).sum(1)
    if kind.startswith("skew-reverse-kl:"):
        lam = float(kind.split(":")[1])
        lm = torch.log(lam * q + (1 - lam) * p)
        return (q * (lq - lm)).sum(1)
    if kind == "tv":
        return 0.5 * (p - q).abs().sum(1)
    if kind.startswith("f:"):
        name = kind[2:]
        r = p / q
        if name == "chi2":
            f = (r - 1) ** 2
        elif name == "neyman-chi2":
            f = (r - 1) ** 2 / r
        elif name == "squared-hellinger":
            f = 0.5 * (r.sqrt() - 1) ** 2
        elif name == "jeffreys":
            f = (r - 1) * r.log()
        elif name == "triangular":
            f = (r - 1) ** 2 / (r + 1)
        elif name == "js":
            f = 0.5 * (r * r.log() - (1 + r) * torch.log((1 + r) / 2))
        elif name == "kl":
            f = r * r.log()
        elif name == "reverse-kl":
            f = -r.log()
        elif name.startswith("alpha:"):
            a = float(name.split(":")[1])
            f = (r ** a - a * r - (1 - a)) / (a * (a - 1))
        else:
            raise ValueError(name)
        return (q * f).sum(1)
    if kind == "pld":
        # teacher-optimal ranking: label first, then descending teacher logit (stable)
        out = []
        for i in range(t.shape[0]):
            order = sorted(range(t.shape[1]), key=lambda k: (-float(t[i, k]), k))
            if labels is not None:
                y = int(labels[i])
                order = [y] + [k for k in order if k != y]
            idx = torch.tensor(order)
            z = s[i, idx] / tau
            w = p[i, idx]
            suffix = torch.flip(torch.logcumsumexp(torch.flip(z, [0]), 0), [0])
            out.append((w * (suffix - z)).sum())
        return torch.stack(out)
    raise ValueError(kind)


def emit(name, kind, tau, t, s, labels=None, weights=None, alpha=0.0):
    t = torch.tensor(t)
    s = torch.tensor(s, requires_grad=True)
    lab = None if labels is None else torch.tensor(labels)
    per = row_losses(kind, t, s, tau, lab, alpha)
    w = torch.ones(t.shape[0]) if weights is None else torch.tensor(weights)
    loss = (per * w).mean()
    loss.backward()
    b, c = t.shape
    print("case", name, kind, repr(tau), b, c, repr(alpha))
    print("teacher", " ".join(repr(float(v)) for v in t.flatten()))
    print("student", " ".join(repr(float(v)) for v in s.detach().flatten()))
    print("labels", "-" if labels is None else " ".join(str(v) for v in labels))
    print("weights", "-" if weights is None else " ".join(repr(float(v)) for v in weights))
    print("loss", repr(float(loss)))
    print("grad", " ".join(repr(float(v)) for v in s.grad.flatten()))


rng = np.random.default_rng(20261122)
print("# PyTorch", torch.__version__, "float64 autograd; numpy", np.__version__, "seed 20261122")
kinds = ["kd", "forward-kl", "reverse-kl", "js", "skew-kl:0.1", "skew-reverse-kl:0.1",
         "skew-kl:0.5", "tv", "pld", "f:chi2", "f:neyman-chi2", "f:squared-hellinger",
         "f:jeffreys", "f:triangular", "f:js", "f:kl", "f:reverse-kl", "f:alpha:0.5",
         "f:alpha:-1.5"]
n = 0
for kind in kinds:
    for tau in (1.0, 2.0, 4.0):
        b, c = 3, 7
        t = rng.normal(0, 3, (b, c))
        s = rng.normal(0, 3, (b, c))
        emit("c%d" % n, kind, tau, t, s)
        n += 1
    # labels and per-example weights
    t = rng.normal(0, 3, (4, 5))
    s = rng.normal(0, 3, (4, 5))
    labels = [int(v) for v in rng.integers(0, 5, 4)]
    weights = [float(v) for v in rng.uniform(0, 2, 4)]
    alpha = 0.3 if kind == "kd" else 0.0
    emit("c%d" % n, kind, 2.0, t, s, labels if kind in ("kd", "pld") else None, weights, alpha)
    n += 1
# large logits (stability): 3 x 50, scale 40
for kind in ("kd", "reverse-kl", "js", "pld"):
    t = rng.normal(0, 40, (3, 50))
    s = rng.normal(0, 40, (3, 50))
    emit("c%d" % n, kind, 1.0, t, s)
    n += 1
