#!/usr/bin/python3
"""Would bounding-box pruning of data blocks speed up the exact 5-D KDE benchmark (kde_multi_vs_scipy.py)?
Orders the whitened data in kd-tree leaf order, and counts the (query, block) pairs whose largest possible
log-term is more than ln n + 36 below the query's largest term (the pairs a pruned evaluation could skip with
relative error < e^-36). Run: /usr/bin/python3 bench/scripts/kde_block_pruning_check.py"""
import numpy as np
rng = np.random.default_rng(42)  # the benchmark's data
n,m,d=20000,2000,5
x=rng.normal(size=(n,d)); q=rng.normal(size=(m,d))
H=np.cov(x.T)*n**(-2/(d+4)); L=np.linalg.cholesky(H); Li=np.linalg.inv(L)
z=x@Li.T; qz=q@Li.T
def kdorder(idx, depth, leaf):
    if len(idx)<=leaf: return [idx]
    pts=z[idx]; k=np.argmax(pts.max(0)-pts.min(0)); o=idx[np.argsort(pts[:,k])]; h=len(o)//2
    return kdorder(o[:h],depth+1,leaf)+kdorder(o[h:],depth+1,leaf)
for leaf in (1024,512,256,128):
    blocks=kdorder(np.arange(n),0,leaf)
    lo=np.array([z[b].min(0) for b in blocks]); hi=np.array([z[b].max(0) for b in blocks])
    # exact nearest distance per query
    best=np.full(m,np.inf)
    for b in blocks:
        dd=((qz[:,None,:]-z[b][None,:,:])**2).sum(-1).min(1); best=np.minimum(best,dd)
    cut=np.log(n)+36
    gap=np.maximum(0,np.maximum(lo[None]-qz[:,None],qz[:,None]-hi[None]))
    bd=(gap**2).sum(-1)
    skip=(0.5*bd - 0.5*best[:,None]) > cut
    print(leaf, len(blocks), "skippable block pairs %.3f"%skip.mean())
