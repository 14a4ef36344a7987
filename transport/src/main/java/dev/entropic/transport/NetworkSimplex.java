package dev.entropic.transport;

import dev.entropic.core.Checks;

/**
 * Exact optimal transport \( \min_{P\in U(a,b)} \langle P, C\rangle \) by the primal network simplex
 * on the complete bipartite graph, with the block-search pivot rule.
 *
 * <p>The algorithm follows the spanning-tree network simplex of LEMON (Kovács, "Minimum-cost flow
 * algorithms: an experimental evaluation", Optim. Methods Softw. 30(1), 2015), as used by POT's
 * {@code ot.emd} (Bonneel et al., "Displacement interpolation using Lagrangian mass transport",
 * SIGGRAPH Asia 2011): an artificial root with one artificial arc per node gives the initial
 * strongly feasible tree; entering arcs are chosen by block search (blocks of
 * \( \max(\sqrt{nm}, 10) \) arcs, the most negative reduced cost of the first block that has one);
 * the tree is stored with parent/thread/successor-count arrays, so a pivot costs time proportional
 * to the size of the re-hung subtree. Reduced costs are \( C_{ij} - f_i - g_j \); the search stops
 * when none is below \( -10^{-14}\max(|C_{ij}|, |f_i|, |g_j|) \).
 *
 * <p>Zero-mass points are removed before solving. The plan is sparse (at most n+m−1 non-zeros); the
 * potentials are Kantorovich potentials: \( f_i + g_j \le C_{ij} \), equality on the support.
 * {@code iterations} counts pivots; exceeding {@code maxIterations} returns the current feasible
 * (sub-optimal) plan with {@code converged = false}.
 */
public final class NetworkSimplex implements TransportSolver {
    private static final double RELATIVE_EPSILON = 1e-14;
    private final long maxIterations;

    private NetworkSimplex(long maxIterations) {
        this.maxIterations = maxIterations;
    }

    /** At most 10⁹ pivots. */
    public static NetworkSimplex withDefaults() {
        return new NetworkSimplex(1_000_000_000L);
    }

    /** The pivot cap (≥ 1). */
    public NetworkSimplex withMaxIterations(long maxIter) {
        if (maxIter < 1) {
            throw Checks.fail("maxIterations must be at least 1: %d", maxIter);
        }
        return new NetworkSimplex(maxIter);
    }

    public long maxIterations() {
        return maxIterations;
    }

    @Override
    public TransportResult solve(TransportProblem problem) {
        problem.requireBalanced();
        long start = System.nanoTime();
        double[] fa = problem.a();
        double[] fb = problem.b();
        int[] rows = positive(fa);
        int[] cols = positive(fb);
        int n = rows.length;
        int m = cols.length;
        int fullM = fb.length;
        double[] full = problem.cost().data();
        double[] c;
        if (n == fa.length && m == fullM) {
            c = full;
        } else {
            c = new double[n * m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    c[i * m + j] = full[rows[i] * fullM + cols[j]];
                }
            }
        }
        double[] supply = new double[n + m];
        double ratio = problem.sourceMass() / problem.targetMass();
        for (int i = 0; i < n; i++) {
            supply[i] = fa[rows[i]];
        }
        for (int j = 0; j < m; j++) {
            supply[n + j] = -fb[cols[j]] * ratio;
        }
        Solver s = new Solver(n, m, c, supply);
        boolean converged = s.run(maxIterations);

        int nnz = 0;
        int[] ri = new int[n + m];
        int[] ci = new int[n + m];
        double[] v = new double[n + m];
        double cost = 0;
        int nm = n * m;
        for (int u = 0; u < n + m; u++) {
            int e = s.pred[u];
            if (e >= 0 && e < nm && s.flow[e] > 0) {
                ri[nnz] = rows[e / m];
                ci[nnz] = cols[e % m];
                v[nnz] = s.flow[e];
                cost += s.flow[e] * c[e];
                nnz++;
            }
        }
        TransportPlan plan = TransportPlan.sparse(fa.length, fullM, java.util.Arrays.copyOf(ri, nnz),
                java.util.Arrays.copyOf(ci, nnz), java.util.Arrays.copyOf(v, nnz));
        double[] f = new double[fa.length];
        double[] g = new double[fullM];
        double[] sf = new double[n];
        double[] sg = new double[m];
        for (int i = 0; i < n; i++) {
            sf[i] = -s.pi[i];
        }
        for (int j = 0; j < m; j++) {
            sg[j] = s.pi[n + j];
        }
        // centre: shift so that the smallest target potential on the support is 0
        double shift = Double.POSITIVE_INFINITY;
        for (double x : sg) {
            shift = Math.min(shift, x);
        }
        for (int j = 0; j < m; j++) {
            sg[j] -= shift;
        }
        for (int i = 0; i < n; i++) {
            sf[i] += shift;
        }
        fillPotentials(full, fa.length, fullM, rows, cols, sf, sg, f, g);
        double error = plan.marginalError(fa, fb);
        return new TransportResult(TransportMethod.NETWORK_SIMPLEX, plan, cost, cost, f, g, error,
                (int) Math.min(Integer.MAX_VALUE, s.iterations), 0, converged, PlanMath.secondsSince(start));
    }

    /** Zero-mass points get the c-transform potential \( f_i = \min_j C_{ij} - g_j \) (and symmetrically). */
    private static void fillPotentials(double[] c, int nFull, int mFull, int[] rows, int[] cols, double[] sf, double[] sg,
            double[] f, double[] g) {
        boolean[] hasRow = new boolean[nFull];
        boolean[] hasCol = new boolean[mFull];
        for (int i = 0; i < rows.length; i++) {
            f[rows[i]] = sf[i];
            hasRow[rows[i]] = true;
        }
        for (int j = 0; j < cols.length; j++) {
            g[cols[j]] = sg[j];
            hasCol[cols[j]] = true;
        }
        for (int i = 0; i < nFull; i++) {
            if (!hasRow[i]) {
                double best = Double.POSITIVE_INFINITY;
                for (int j = 0; j < cols.length; j++) {
                    best = Math.min(best, c[i * mFull + cols[j]] - sg[j]);
                }
                f[i] = best;
            }
        }
        for (int j = 0; j < mFull; j++) {
            if (!hasCol[j]) {
                double best = Double.POSITIVE_INFINITY;
                for (int i = 0; i < rows.length; i++) {
                    best = Math.min(best, c[rows[i] * mFull + j] - sf[i]);
                }
                g[j] = best;
            }
        }
    }

    private static int[] positive(double[] w) {
        int k = 0;
        for (double x : w) {
            if (x > 0) {
                k++;
            }
        }
        int[] idx = new int[k];
        k = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] > 0) {
                idx[k++] = i;
            }
        }
        return idx;
    }

    /** The simplex state on one problem (sources 0..n−1, sinks n..n+m−1, root n+m). */
    static final class Solver {
        private static final byte TREE = 0;
        private static final byte LOWER = 1;
        private static final int UP = 1;
        private static final int DOWN = -1;

        final int n;
        final int m;
        final int nodes;
        final int root;
        final int nm;
        final double[] c;
        final double[] artCost;
        final int[] artSource;
        final int[] artTarget;
        final double[] flow;
        final byte[] state;
        final int[] parent;
        final int[] pred;
        final int[] predDir;
        final int[] thread;
        final int[] revThread;
        final int[] succNum;
        final int[] lastSucc;
        final double[] pi;
        private final int[] dirtyRevs;
        private final int blockSize;
        private int nextArc;
        long iterations;

        private int inArc;
        private int join;
        private int uIn;
        private int vIn;
        private int uOut;
        private double delta;

        Solver(int n, int m, double[] c, double[] supply) {
            this.n = n;
            this.m = m;
            this.nodes = n + m;
            this.root = nodes;
            this.nm = n * m;
            this.c = c;
            this.artCost = new double[nodes];
            this.artSource = new int[nodes];
            this.artTarget = new int[nodes];
            this.flow = new double[nm + nodes];
            this.state = new byte[nm + nodes];
            this.parent = new int[nodes + 1];
            this.pred = new int[nodes + 1];
            this.predDir = new int[nodes + 1];
            this.thread = new int[nodes + 1];
            this.revThread = new int[nodes + 1];
            this.succNum = new int[nodes + 1];
            this.lastSucc = new int[nodes + 1];
            this.pi = new double[nodes + 1];
            this.dirtyRevs = new int[nodes + 1];
            this.blockSize = Math.max((int) Math.sqrt((double) nm), 10);
            java.util.Arrays.fill(state, 0, nm, LOWER);
            double maxCost = 0;
            for (double x : c) {
                maxCost = Math.max(maxCost, Math.abs(x));
            }
            double art = (maxCost + 1) * nodes;
            parent[root] = -1;
            pred[root] = -1;
            thread[root] = 0;
            revThread[0] = root;
            succNum[root] = nodes + 1;
            lastSucc[root] = root - 1;
            pi[root] = 0;
            for (int u = 0; u < nodes; u++) {
                int e = nm + u;
                parent[u] = root;
                pred[u] = e;
                thread[u] = u + 1;
                revThread[u + 1] = u;
                succNum[u] = 1;
                lastSucc[u] = u;
                state[e] = TREE;
                if (supply[u] >= 0) {
                    predDir[u] = UP;
                    pi[u] = 0;
                    artSource[u] = u;
                    artTarget[u] = root;
                    flow[e] = supply[u];
                    artCost[u] = 0;
                } else {
                    predDir[u] = DOWN;
                    pi[u] = art;
                    artSource[u] = root;
                    artTarget[u] = u;
                    flow[e] = -supply[u];
                    artCost[u] = art;
                }
            }
        }

        private int source(int e) {
            return e < nm ? e / m : artSource[e - nm];
        }

        private int target(int e) {
            return e < nm ? n + e % m : artTarget[e - nm];
        }

        private double cost(int e) {
            return e < nm ? c[e] : artCost[e - nm];
        }

        boolean run(long maxIter) {
            while (findEnteringArc()) {
                if (iterations >= maxIter) {
                    return false;
                }
                iterations++;
                findJoinNode();
                boolean change = findLeavingArc();
                changeFlow(change);
                if (change) {
                    updateTreeStructure();
                    updatePotential();
                }
            }
            return true;
        }

        /** Block search over the real arcs, starting where the last search stopped. */
        private boolean findEnteringArc() {
            final double[] cc = c;
            final double[] p = pi;
            final byte[] st = state;
            final int mm = m;
            final int nn = n;
            double min = 0;
            int best = -1;
            int cnt = blockSize;
            int e = nextArc;
            int i = e / mm;
            int j = e - i * mm;
            int scanned = 0;
            while (scanned < nm) {
                double pii = p[i];
                int rowEnd = i * mm + mm;
                // scan the rest of row i (or until the block ends)
                while (e < rowEnd) {
                    double r = st[e] * (cc[e] + pii - p[nn + j]);
                    if (r < min) {
                        min = r;
                        best = e;
                    }
                    e++;
                    j++;
                    scanned++;
                    if (--cnt == 0) {
                        if (best >= 0 && isNegative(best, min)) {
                            nextArc = e == nm ? 0 : e;
                            inArc = best;
                            return true;
                        }
                        cnt = blockSize;
                    }
                }
                j = 0;
                i++;
                if (e == nm) {
                    e = 0;
                    i = 0;
                }
            }
            if (best >= 0 && isNegative(best, min)) {
                nextArc = e == nm ? 0 : e;
                inArc = best;
                return true;
            }
            return false;
        }

        private boolean isNegative(int e, double reduced) {
            double scale = Math.max(Math.abs(c[e]), Math.max(Math.abs(pi[e / m]), Math.abs(pi[n + e % m])));
            return reduced < -RELATIVE_EPSILON * Math.max(scale, 1e-300);
        }

        private void findJoinNode() {
            int u = source(inArc);
            int v = target(inArc);
            while (u != v) {
                if (succNum[u] < succNum[v]) {
                    u = parent[u];
                } else {
                    v = parent[v];
                }
            }
            join = u;
        }

        private boolean findLeavingArc() {
            // entering arcs are always at their lower bound (uncapacitated problem)
            int first = source(inArc);
            int second = target(inArc);
            delta = Double.POSITIVE_INFINITY;
            int result = 0;
            for (int u = first; u != join; u = parent[u]) {
                if (predDir[u] == UP) {
                    double d = flow[pred[u]];
                    if (d < delta) {
                        delta = d;
                        uOut = u;
                        result = 1;
                    }
                }
            }
            for (int u = second; u != join; u = parent[u]) {
                if (predDir[u] == DOWN) {
                    double d = flow[pred[u]];
                    if (d <= delta) {
                        delta = d;
                        uOut = u;
                        result = 2;
                    }
                }
            }
            if (result == 1) {
                uIn = first;
                vIn = second;
            } else {
                uIn = second;
                vIn = first;
            }
            return result != 0;
        }

        private void changeFlow(boolean change) {
            if (delta > 0) {
                double val = delta;
                flow[inArc] += val;
                for (int u = source(inArc); u != join; u = parent[u]) {
                    flow[pred[u]] -= predDir[u] * val;
                }
                for (int u = target(inArc); u != join; u = parent[u]) {
                    flow[pred[u]] += predDir[u] * val;
                }
            }
            if (change) {
                state[inArc] = TREE;
                state[pred[uOut]] = LOWER;
                flow[pred[uOut]] = 0;
            }
        }

        private void updateTreeStructure() {
            int oldRevThread = revThread[uOut];
            int oldSuccNum = succNum[uOut];
            int oldLastSucc = lastSucc[uOut];
            int vOut = parent[uOut];

            if (uIn == uOut) {
                parent[uIn] = vIn;
                pred[uIn] = inArc;
                predDir[uIn] = uIn == source(inArc) ? UP : DOWN;
                if (thread[vIn] != uOut) {
                    int after = thread[oldLastSucc];
                    thread[oldRevThread] = after;
                    revThread[after] = oldRevThread;
                    after = thread[vIn];
                    thread[vIn] = uOut;
                    revThread[uOut] = vIn;
                    thread[oldLastSucc] = after;
                    revThread[after] = oldLastSucc;
                }
            } else {
                int threadContinue = oldRevThread == vIn ? thread[oldLastSucc] : thread[vIn];
                int stem = uIn;
                int parStem = vIn;
                int nextStem;
                int last = lastSucc[uIn];
                int before;
                int after = thread[last];
                thread[vIn] = uIn;
                int dirty = 0;
                dirtyRevs[dirty++] = vIn;
                while (stem != uOut) {
                    nextStem = parent[stem];
                    thread[last] = nextStem;
                    dirtyRevs[dirty++] = last;
                    before = revThread[stem];
                    thread[before] = after;
                    revThread[after] = before;
                    parent[stem] = parStem;
                    parStem = stem;
                    stem = nextStem;
                    last = lastSucc[stem] == lastSucc[parStem] ? revThread[parStem] : lastSucc[stem];
                    after = thread[last];
                }
                parent[uOut] = parStem;
                thread[last] = threadContinue;
                revThread[threadContinue] = last;
                lastSucc[uOut] = last;
                if (oldRevThread != vIn) {
                    thread[oldRevThread] = after;
                    revThread[after] = oldRevThread;
                }
                for (int k = 0; k < dirty; k++) {
                    int u = dirtyRevs[k];
                    revThread[thread[u]] = u;
                }
                int tmpSc = 0;
                int tmpLs = lastSucc[uOut];
                for (int u = uOut, p = parent[u]; u != uIn; u = p, p = parent[u]) {
                    pred[u] = pred[p];
                    predDir[u] = -predDir[p];
                    tmpSc += succNum[u] - succNum[p];
                    succNum[u] = tmpSc;
                    lastSucc[p] = tmpLs;
                }
                pred[uIn] = inArc;
                predDir[uIn] = uIn == source(inArc) ? UP : DOWN;
                succNum[uIn] = oldSuccNum;
            }

            int upLimitOut = lastSucc[join] == vIn ? join : -1;
            int lastSuccOut = lastSucc[uOut];
            for (int u = vIn; u != -1 && lastSucc[u] == vIn; u = parent[u]) {
                lastSucc[u] = lastSuccOut;
            }
            if (join != oldRevThread && vIn != oldRevThread) {
                for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                    lastSucc[u] = oldRevThread;
                }
            } else if (lastSuccOut != oldLastSucc) {
                for (int u = vOut; u != upLimitOut && lastSucc[u] == oldLastSucc; u = parent[u]) {
                    lastSucc[u] = lastSuccOut;
                }
            }
            for (int u = vIn; u != join; u = parent[u]) {
                succNum[u] += oldSuccNum;
            }
            for (int u = vOut; u != join; u = parent[u]) {
                succNum[u] -= oldSuccNum;
            }
        }

        private void updatePotential() {
            double sigma = pi[vIn] - pi[uIn] - predDir[uIn] * cost(inArc);
            int end = thread[lastSucc[uIn]];
            for (int u = uIn; u != end; u = thread[u]) {
                pi[u] += sigma;
            }
        }
    }
}
