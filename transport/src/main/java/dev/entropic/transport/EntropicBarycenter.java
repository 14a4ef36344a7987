package dev.entropic.transport;

import dev.entropic.core.Checks;

/**
 * The entropic Wasserstein barycenter of histograms on a fixed support, by iterative Bregman
 * projections in the log domain (Benamou, Carlier, Cuturi, Nenna, Peyré 2015):
 * \[ q^\star = \arg\min_{q} \sum_k w_k \min_{P_k\in U(q, a_k)} \langle P_k, M\rangle - \varepsilon H(P_k),
 *    \quad H(P) = -\sum P_{ij}(\log P_{ij} - 1). \]
 * M is n×m: the barycenter lives on the n row points, the inputs \( a_k \) on the m column points.
 * Note the −εH(P) form (as POT's {@code ot.bregman.barycenter}): with a free marginal q it is not
 * equivalent to KL(P‖q a_kᵀ), which would add ε H(q) to the objective.
 *
 * <p>Iteration, with \( \kappa_k = \log(K e^{\psi_k}) \), \( K = e^{-M/\varepsilon} \) (all log-sum-exp):
 * \( \psi_k = \log a_k - \log(K^\top e^{\varphi_k}) \); \( \log q = \sum_k w_k(\varphi_k + \kappa_k) \);
 * \( \varphi_k = \log q - \kappa_k \). Stops when \( \max|\Delta\log q| \le \) tol on the support of q.
 */
public final class EntropicBarycenter {
    private EntropicBarycenter() {
    }

    /** The barycenter (probability vector on the rows of M), iterations and convergence. */
    public record Result(double[] barycenter, int iterations, boolean converged, double seconds) {
        /** Copies. */
        public Result {
            barycenter = barycenter.clone();
        }

        @Override
        public double[] barycenter() {
            return barycenter.clone();
        }
    }

    /**
     * @param histograms K probability vectors of length m (one per row)
     * @param cost n×m cost between the barycenter support and the histograms' support
     * @param weights K non-negative weights (normalised)
     * @param epsilon regularisation ε > 0
     * @param tolerance stopping tolerance on log q
     * @param maxIterations iteration cap
     */
    public static Result compute(double[][] histograms, CostMatrix cost, double[] weights, double epsilon, double tolerance,
            int maxIterations) {
        long start = System.nanoTime();
        Checks.requireNonNull("histograms", histograms);
        Checks.requireNonNull("cost", cost);
        EntropicOptions.epsilon(epsilon);
        EntropicOptions.tolerance(tolerance);
        EntropicOptions.maxIterations(maxIterations);
        int k = histograms.length;
        if (k == 0) {
            throw Checks.fail("histograms is empty");
        }
        double wTotal = Checks.requireWeights("weights", weights);
        if (weights.length != k) {
            throw Checks.fail("weights and histograms differ in length: %d vs %d", weights.length, k);
        }
        int n = cost.rows();
        int m = cost.cols();
        double[][] logA = new double[k][];
        for (int h = 0; h < k; h++) {
            if (histograms[h] == null || histograms[h].length != m) {
                throw Checks.fail("histograms[%d] has length %d, expected %d (cost columns)", h,
                        histograms[h] == null ? 0 : histograms[h].length, m);
            }
            double total = Checks.requireWeights("histograms[" + h + "]", histograms[h]);
            logA[h] = new double[m];
            for (int j = 0; j < m; j++) {
                logA[h][j] = Math.log(histograms[h][j] / total);
            }
        }
        double[] w = new double[k];
        for (int h = 0; h < k; h++) {
            w[h] = weights[h] / wTotal;
        }
        double[] c = cost.data();
        double inv = 1.0 / epsilon;
        double[][] phi = new double[k][n];
        double[][] psi = new double[k][m];
        double[][] kappa = new double[k][n];
        double[] logQ = new double[n];
        double[] prev = new double[n];
        java.util.Arrays.fill(prev, Double.NaN);
        double[] colMax = new double[m];
        double[] colSum = new double[m];
        boolean converged = false;
        int it = 0;
        while (it < maxIterations) {
            it++;
            for (int h = 0; h < k; h++) {
                // ψ = log a − log Kᵀe^φ (column log-sum-exp, streamed by rows)
                java.util.Arrays.fill(colMax, Double.NEGATIVE_INFINITY);
                java.util.Arrays.fill(colSum, 0.0);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        colMax[j] = Math.max(colMax[j], phi[h][i] - c[i * m + j] * inv);
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < m; j++) {
                        colSum[j] += Math.exp(phi[h][i] - c[i * m + j] * inv - colMax[j]);
                    }
                }
                for (int j = 0; j < m; j++) {
                    psi[h][j] = logA[h][j] - (colMax[j] + Math.log(colSum[j]));
                }
                // κ = log K e^ψ
                for (int i = 0; i < n; i++) {
                    double mx = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < m; j++) {
                        mx = Math.max(mx, psi[h][j] - c[i * m + j] * inv);
                    }
                    double s = 0;
                    if (mx > Double.NEGATIVE_INFINITY) {
                        for (int j = 0; j < m; j++) {
                            s += Math.exp(psi[h][j] - c[i * m + j] * inv - mx);
                        }
                    }
                    kappa[h][i] = mx + Math.log(s);
                }
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int h = 0; h < k; h++) {
                    s += w[h] * (phi[h][i] + kappa[h][i]);
                }
                logQ[i] = s;
            }
            for (int h = 0; h < k; h++) {
                for (int i = 0; i < n; i++) {
                    phi[h][i] = logQ[i] - kappa[h][i];
                }
            }
            double change = 0;
            for (int i = 0; i < n; i++) {
                if (logQ[i] > -700) {
                    change = Math.max(change, Math.abs(logQ[i] - prev[i]));
                }
            }
            System.arraycopy(logQ, 0, prev, 0, n);
            if (change <= tolerance) {
                converged = true;
                break;
            }
        }
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = Math.exp(logQ[i]);
        }
        return new Result(q, it, converged, PlanMath.secondsSince(start));
    }
}
