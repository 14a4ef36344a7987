package dev.entropic.estimators;

import dev.entropic.core.Checks;
import dev.entropic.core.MultivariateDistribution;
import dev.entropic.core.MultivariateMixture;
import dev.entropic.core.MultivariateNormal;
import dev.entropic.core.Numerics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AliasMethodDiscreteSampler;
import org.apache.commons.rng.sampling.distribution.SharedStateDiscreteSampler;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Many expectations \( I_k = \mathbb{E}_p[f_k(X)] \), \( k = 1, \dots, m \), estimated from one
 * sample by adaptive importance sampling with control variates, after Demange-Chryst, Bachoc and
 * Morio (2022), with standard errors and a budget-aware stopping rule.
 *
 * <p><b>Provenance.</b> The class was first written from the seed paper's abstract alone, which
 * states: (i) a family of optimal estimators combining importance sampling and control variates
 * exists but needs the unknown \( I_k \); (ii) an adaptive algorithm moves the estimator's
 * parameters towards the optimal ones; (iii) a quantitative stopping criterion trades approaching
 * the optimal parameters against the budget left; (iv) the budget left draws a fresh sample from
 * the final sampling density, which gives unbiased estimators. The authors' code
 * (github.com/Julien6431/Multiple_expectation_estimation, {@code src/aISCV_algorithm.py}) was read
 * later. It agrees with this class on the ideal family, on cross-entropy normal fits to
 * \( |f_k| p \) using every point drawn so far, on the fresh final sample, and on the stopping
 * rule: theirs stops at the first stage with \( J_t \ge J_{t-1} \) for
 * \( J_t = \sum_k w_k \hat\sigma_{k,t}^2 / (N - N_t) \) with fixed user weights, which is
 * {@link Criterion#WEIGHTED} here ({@link #withCriterionWeights}); RELATIVE estimates
 * \( w_k = 1/I_k^2 \) instead. Their schedule is stages of N/10 and at most half the budget for
 * adaptation ({@code withStageSize(N / 10).withMaxStages(5)}). It differs in three choices:
 * their mixture weights \( \alpha \) are optimised (SLSQP on the estimated weighted variance),
 * here they are equal; each \( I_k \) has one control variate \( g_k/q_\alpha - 1 \) with a
 * coefficient from the previous stage, here all components are control variates fitted by
 * regression on the final sample; and they have no defensive component. Their code returns no
 * standard errors. On their own test (ten Gaussian moments, N = 20 000) and on the rare-event
 * problem of {@code MultipleExpectationsExample}, this class's weighted variance is below that
 * of their code run unchanged (test {@code MultipleExpectationsAuthorsTest}, reference
 * {@code reference/multiple_expectations_authors.py}).
 *
 * <p><b>The optimal family.</b> Let \( g_k^{*}(x) = |f_k(x)|\, p(x) / \int |f_k| p \). For any
 * mixture \( q_\alpha = \sum_j \alpha_j g_j^{*} \) the functions \( c_j = g_j^{*}/q_\alpha - 1 \) have
 * mean 0 under \( q_\alpha \), and for \( f_k \ge 0 \) the importance-sampling integrand is
 * \( f_k p / q_\alpha = I_k (c_k + 1) \): after regression on the control variates its variance is
 * zero, for every \( \alpha \). The coefficients of that regression are the unknown \( I_k \).
 *
 * <p><b>The adaptive algorithm.</b> Stage \( t = 0 \) draws \( n \) points from
 * \( q_0 = p \). After stage \( t \) each \( g_k^{*} \) is approximated by a multivariate normal
 * \( \hat g_k \) fitted by weighted moments (the cross-entropy method) to all points drawn so far,
 * with weights \( |f_k(x_i)|\, p(x_i)/q_{s(i)}(x_i) \) (\( q_{s(i)} \) the density the point was
 * drawn from). When these weights have a Kish effective size below \( d + 1 \) (e.g. a rare event
 * not yet hit) the component is the widened normal \( N(\hat\mu_p, 4\hat\Sigma_p) \), with
 * \( \hat\mu_p, \hat\Sigma_p \) the moments of the stage-0 sample (a heuristic). The next
 * sampling density is the defensive mixture (Hesterberg 1995; Owen and Zhou 2000)
 * \[ q_{t+1} = (1-\delta) \tfrac1m \textstyle\sum_{j=1}^m \hat g_j + \delta\, p . \]
 * Equal weights \( \alpha_j = 1/m \) are used, since every \( \alpha \) is optimal in the ideal
 * family.
 *
 * <p><b>The estimator</b> on \( n \) points drawn from a mixture \( q = \sum_{j=1}^J w_j h_j \)
 * (Owen and Zhou 2000, the regression estimator): responses \( Y_{ik} = f_k(x_i) p(x_i)/q(x_i) \),
 * control variates \( c_{ij} = h_j(x_i)/q(x_i) - 1 \) for \( j = 1, \dots, J-1 \) (the last
 * component is left out because \( \sum_j w_j c_j = 0 \); with \( \delta > 0 \) the last one is
 * \( p \)). With \( \hat\beta_k \) the least-squares coefficients of \( Y_{\cdot k} \) on the
 * centred control variates (pseudo-inverse, so collinear components are harmless),
 * \[ \hat I_k = \bar Y_k - \hat\beta_k^\top \bar c = \sum_i a_i Y_{ik}, \qquad
 *    \widehat{\mathrm{se}}_k = \Big( \sum_i \frac{a_i^2\, r_{ik}^2}{(1 - h_i)^2} \Big)^{1/2}, \]
 * with \( a_i = 1/n - \bar c^\top S^{+} (c_i - \bar c) \), the leverages
 * \( h_i = 1/n + (c_i - \bar c)^\top S^{+} (c_i - \bar c) \), \( S \) the centred scatter of
 * the control variates and \( r_{ik} \) the regression residuals: the leave-one-out (HC3)
 * sandwich variance of the linear estimator (MacKinnon and White 1985). Points far in the tails
 * of \( q \) have large control variates and leverage close to 1; the regression nearly fits them,
 * so the plain residual variance \( \sum_i r_{ik}^2/(n - r - 1) \) understates the error there
 * (on the authors' Gaussian-moment test the pooled mean of \( z^2 \) was 1.5 with it, about 1.0
 * with HC3). The variance per draw used by the stopping rule is
 * \( \hat\sigma_k^2 = n\, \widehat{\mathrm{se}}_k^2 \).
 *
 * <p><b>The stopping rule.</b> The estimator of stage \( t \), computed on that stage's own
 * points drawn from \( q_t \), gives the residual variance per draw \( \hat\sigma_{k,t}^2 \); if the
 * remaining budget \( N - N_t \) were spent on \( q_t \), the estimator's variance would be about
 * \( \hat\sigma_{k,t}^2 / (N - N_t) \). The criterion is
 * \[ J_t = \frac{1}{N - N_t} \sum_{k=1}^m \frac{\hat\sigma_{k,t}^2}{\hat I_{k,t}^2 + \hat\sigma_{k,t}^2/n}
 *    \quad (\text{relative, the default}), \qquad
 *    J_t = \frac{1}{N - N_t} \sum_k \hat\sigma_{k,t}^2 \quad (\text{absolute}), \qquad
 *    J_t = \frac{1}{N - N_t} \sum_k w_k \hat\sigma_{k,t}^2 \quad (\text{weighted, the authors' form}), \]
 * and \( J_t = +\infty \) while some \( f_k \) is zero at every point of the stage (not yet seen).
 * Adaptation stops at the first \( t \ge 1 \) with \( J_t \ge J_{t-1} \) (both finite): improving
 * the density no longer pays for the draws it costs. It also stops when another stage would leave
 * less than one stage of budget for the final sample, or after {@code maxStages} stages. The final
 * density is the adapted \( q_s \), \( s \ge 1 \), with the smallest \( J_s (N - N_s) \) (the
 * latest one if none is finite). \( q_0 = p \) is not reused even when \( J_1 \ge J_0 \): for
 * heavy-tailed integrands a plain sample of p underestimates their variance (x^20 under N(0, 1)),
 * so \( J_0 \) can look deceptively small, while an adapted mixture keeps p's share δ and so
 * cannot be much worse than p (Owen and Zhou 2000). The authors' code likewise draws its final
 * sample from its last adapted density; the remaining \( N - N_t \) draws are a fresh sample from it, and the estimates and
 * standard errors are computed on that sample alone, so they are unbiased (the regression
 * estimator's \( O(1/n) \) bias aside) whatever happened during adaptation.
 *
 * <p>The result also reports the standard error plain Monte Carlo with the whole budget \( N \)
 * would have, \( (\widehat{\mathrm{Var}}_p f_k / N)^{1/2} \) with
 * \( \widehat{\mathrm{Var}}_p f_k = \frac1n \sum_i f_k(x_i)^2 p(x_i)/q(x_i) - \hat I_k^2 \) from the
 * final sample; {@link #plainMonteCarlo} runs that baseline for real.
 *
 * <p>Conventions: \( p \) is any {@link MultivariateDistribution} that can be sampled and whose
 * log-density is exact (normalised); functions must return finite values. The budget counts draws
 * (evaluations of every \( f_k \) at one point). Options are immutable; randomness is passed in.
 *
 * <p>References: J. Demange-Chryst, F. Bachoc, J. Morio, "Efficient estimation of multiple
 * expectations with the same sample by adaptive importance sampling and control variates",
 * arXiv:2212.00568 (2022); A. Owen, Y. Zhou, "Safe and effective importance sampling", JASA 95
 * (2000) 135–143; T. Hesterberg, "Weighted average importance sampling and defensive mixture
 * distributions", Technometrics 37 (1995) 185–194; J. MacKinnon, H. White, "Some
 * heteroskedasticity-consistent covariance matrix estimators with improved finite sample
 * properties", J. Econometrics 29 (1985) 305–325; R. Rubinstein, D. Kroese, <i>The Cross-Entropy
 * Method</i>, Springer (2004).
 */
public final class MultipleExpectations {
    /** How the per-function variances are combined in the stopping criterion. */
    public enum Criterion {
        /** Sum of squared relative errors \( \sigma_k^2 / I_k^2 \) (scale-free; the default). */
        RELATIVE,
        /** Sum of variances \( \sigma_k^2 \) (functions on a common scale). */
        ABSOLUTE,
        /**
         * \( \sum_k w_k \sigma_k^2 \) with fixed user weights (see {@link #withCriterionWeights}): the
         * criterion of the authors' code, whose Gaussian-moment test uses \( w_k = 1/I_k^2 \).
         */
        WEIGHTED
    }

    /** Why adaptation stopped. */
    public enum StopReason {
        /** \( J_t \ge J_{t-1} \): the criterion stopped decreasing. */
        CRITERION_INCREASED,
        /** Another stage would leave less than one stage of budget for the final sample. */
        BUDGET,
        /** {@code maxStages} adaptation stages were run. */
        MAX_STAGES
    }

    /**
     * One adaptation stage.
     *
     * @param index                 stage number t, from 0 (drawn from p)
     * @param sampleSize            draws in this stage
     * @param cumulativeSampleSize  \( N_t \): draws in stages 0..t
     * @param criterion             \( J_t \) (may be +∞)
     * @param estimates             \( \hat I_{k,t} \) from this stage's points alone
     * @param variances             \( \hat\sigma_{k,t}^2 \), residual variance per draw
     */
    public record Stage(int index, int sampleSize, int cumulativeSampleSize, double criterion,
                        double[] estimates, double[] variances) {
        /** Copies (accessors return the arrays themselves: treat them as read-only). */
        public Stage {
            estimates = estimates.clone();
            variances = variances.clone();
        }
    }

    /**
     * Estimates with standard errors.
     *
     * @param estimates      \( \hat I_k \)
     * @param standardErrors \( \widehat{\mathrm{se}}_k \)
     * @param sampleSize     number of draws used
     */
    public record Estimate(double[] estimates, double[] standardErrors, int sampleSize) {
        /** Copies (accessors return the arrays themselves: treat them as read-only). */
        public Estimate {
            estimates = estimates.clone();
            standardErrors = standardErrors.clone();
        }
    }

    /**
     * The outcome of {@link #estimate}.
     *
     * @param estimates                     \( \hat I_k \), from the final sample alone
     * @param standardErrors                their standard errors
     * @param plainMonteCarloStandardErrors standard error of plain Monte Carlo with the whole budget,
     *                                      estimated from the final sample
     * @param stages                        the adaptation stages, in order
     * @param finalStage                    index of the stage whose density drew the final sample
     * @param adaptationSampleSize          draws spent on adaptation
     * @param finalSampleSize               draws in the final sample
     * @param stopReason                    why adaptation stopped
     * @param finalProposal                 the final sampling density (for
     *                                      {@link #regressionEstimate} the last component carries
     *                                      no control variate)
     */
    public record Result(double[] estimates, double[] standardErrors, double[] plainMonteCarloStandardErrors,
                         List<Stage> stages, int finalStage, int adaptationSampleSize, int finalSampleSize,
                         StopReason stopReason, MultivariateMixture finalProposal) {
        /** Copies (accessors return the arrays themselves: treat them as read-only). */
        public Result {
            estimates = estimates.clone();
            standardErrors = standardErrors.clone();
            plainMonteCarloStandardErrors = plainMonteCarloStandardErrors.clone();
            stages = List.copyOf(stages);
        }

        /** Criterion values \( J_0, J_1, \dots \) of the stages. */
        public double[] criteria() {
            return stages.stream().mapToDouble(Stage::criterion).toArray();
        }
    }

    /** Lower bound on {@code 1 - h_i} in the leave-one-out (HC3) variance, so a point of leverage 1 gives a huge, finite variance. */
    static final double LEVERAGE_FLOOR = 1e-12;
    /** Relative threshold below which an eigenvalue of the control-variate scatter counts as 0. */
    static final double RANK_TOLERANCE = 1e-10;
    /** Scale of the fallback component N(μ_p, FALLBACK_SCALE² Σ_p). */
    static final double FALLBACK_SCALE = 2;
    /** Relative ridge added to the diagonal of fitted covariances. */
    static final double COVARIANCE_RIDGE = 1e-9;

    private final int budget;
    private final int stageSize;
    private final double defensiveWeight;
    private final int maxStages;
    private final Criterion criterion;
    private final double[] criterionWeights; // WEIGHTED only

    private MultipleExpectations(int budget, int stageSize, double defensiveWeight, int maxStages,
                                 Criterion criterion, double[] criterionWeights) {
        this.budget = budget;
        this.stageSize = stageSize;
        this.defensiveWeight = defensiveWeight;
        this.maxStages = maxStages;
        this.criterion = criterion;
        this.criterionWeights = criterionWeights;
    }

    /**
     * Budget 10 000 draws, stages of 1 000, defensive weight 0.1, at most 20 stages, relative
     * criterion.
     */
    public static MultipleExpectations withDefaults() {
        return new MultipleExpectations(10_000, 1_000, 0.1, 20, Criterion.RELATIVE, null);
    }

    /** Total number of draws N (adaptation and final sample); at least twice the stage size. */
    public MultipleExpectations withBudget(int budget) {
        requireBudget(budget, stageSize);
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, criterion, criterionWeights);
    }

    /** Draws per adaptation stage n ≥ 2; the budget must stay at least 2n. */
    public MultipleExpectations withStageSize(int stageSize) {
        if (stageSize < 2) {
            throw Checks.fail("stageSize must be at least 2: %d", stageSize);
        }
        requireBudget(budget, stageSize);
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, criterion, criterionWeights);
    }

    /** Weight δ ∈ [0, 1) of p itself in every adapted mixture (0 disables the defensive component). */
    public MultipleExpectations withDefensiveWeight(double defensiveWeight) {
        if (!(defensiveWeight >= 0 && defensiveWeight < 1)) {
            throw Checks.fail("defensiveWeight must be in [0, 1): %s", defensiveWeight);
        }
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, criterion, criterionWeights);
    }

    /** The largest number of adaptation stages, counting stage 0; at least 1. */
    public MultipleExpectations withMaxStages(int maxStages) {
        Checks.requirePositive("maxStages", maxStages);
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, criterion, criterionWeights);
    }

    /**
     * The stopping criterion's combination of the per-function variances, RELATIVE or ABSOLUTE
     * (WEIGHTED is chosen by {@link #withCriterionWeights}).
     */
    public MultipleExpectations withCriterion(Criterion criterion) {
        Checks.requireNonNull("criterion", criterion);
        if (criterion == Criterion.WEIGHTED) {
            throw Checks.fail("criterion WEIGHTED needs its weights: use withCriterionWeights");
        }
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, criterion, null);
    }

    /**
     * The WEIGHTED criterion \( J_t = \sum_k w_k \hat\sigma_{k,t}^2 / (N - N_t) \): one finite
     * weight {@code w_k ≥ 0} per function, not all zero ({@link #estimate} checks the count).
     */
    public MultipleExpectations withCriterionWeights(double... weights) {
        Checks.requireNonNull("weights", weights);
        boolean positive = false;
        for (int k = 0; k < weights.length; k++) {
            if (!(weights[k] >= 0) || Double.isInfinite(weights[k])) {
                throw Checks.fail("weights[%d] must be finite and non-negative: %s", k, weights[k]);
            }
            positive |= weights[k] > 0;
        }
        if (!positive) {
            throw Checks.fail("weights must not all be zero");
        }
        return new MultipleExpectations(budget, stageSize, defensiveWeight, maxStages, Criterion.WEIGHTED,
                weights.clone());
    }

    /** Total budget N. */
    public int budget() {
        return budget;
    }

    /** Draws per stage. */
    public int stageSize() {
        return stageSize;
    }

    /** Defensive weight δ. */
    public double defensiveWeight() {
        return defensiveWeight;
    }

    /** Largest number of stages. */
    public int maxStages() {
        return maxStages;
    }

    /** The criterion. */
    public Criterion criterion() {
        return criterion;
    }

    private static void requireBudget(int budget, int stageSize) {
        if (budget / 2 < stageSize) {
            throw Checks.fail("budget must be at least 2 * stageSize = %d: %d", 2L * stageSize, budget);
        }
    }

    /**
     * Estimates \( \mathbb{E}_p[f_k] \) for every function, adaptively (see the class comment).
     *
     * @param p         the law of X, sampled and evaluated (normalised log-density)
     * @param functions \( f_1, \dots, f_m \), m ≥ 1, finite-valued; called once per draw each
     * @param rng       random stream, e.g. {@code Rng.seeded(seed)}
     */
    public Result estimate(MultivariateDistribution p, List<? extends ToDoubleFunction<double[]>> functions,
                           UniformRandomProvider rng) {
        List<ToDoubleFunction<double[]>> f = requireInputs(p, functions);
        Checks.requireNonNull("rng", rng);
        int m = f.size();
        if (criterionWeights != null && criterionWeights.length != m) {
            throw Checks.fail("criterion weights and functions differ in length: %d vs %d", criterionWeights.length, m);
        }
        int d = p.dimension();
        int minimum = Math.max(d + 2, m + 2);
        if (stageSize < minimum) {
            throw Checks.fail("stageSize must be at least max(d + 2, m + 2) = %d for d = %d and m = %d: %d",
                    minimum, d, m, stageSize);
        }
        Pool pool = new Pool(d, m, budget);
        Proposal q = Proposal.of(p, List.of(), 0);
        List<Stage> stages = new ArrayList<>();
        List<Proposal> proposals = new ArrayList<>();
        MultivariateNormal fallback = null;
        StopReason reason;
        int used = 0;
        while (true) {
            int t = stages.size();
            Batch batch = q.draw(p, f, stageSize, rng);
            pool.add(batch);
            used += stageSize;
            Fit fit = regression(batch, q.controls());
            double crit = criterion(fit, f.size(), stageSize, budget - used);
            stages.add(new Stage(t, stageSize, used, crit, fit.estimates, fit.variances));
            proposals.add(q);
            if (t == 0) {
                fallback = widened(batch.points, d);
            }
            if (t >= 1 && Double.isFinite(crit) && Double.isFinite(stages.get(t - 1).criterion())
                    && crit >= stages.get(t - 1).criterion()) {
                reason = StopReason.CRITERION_INCREASED;
                break;
            }
            if (budget - used - stageSize < stageSize) {
                reason = StopReason.BUDGET;
                break;
            }
            if (t + 1 >= maxStages) {
                reason = StopReason.MAX_STAGES;
                break;
            }
            List<MultivariateDistribution> components = new ArrayList<>(m);
            for (int k = 0; k < m; k++) {
                components.add(pool.fit(k, fallback));
            }
            q = Proposal.of(p, components, defensiveWeight);
        }
        int best = stages.size() - 1;
        double bestValue = Double.POSITIVE_INFINITY;
        for (Stage s : stages) {
            if (s.index() == 0 && stages.size() > 1) {
                continue; // p itself: its variance estimate is the least reliable when adaptation matters
            }
            double v = s.criterion() * (budget - s.cumulativeSampleSize());
            if (v <= bestValue) {
                bestValue = v;
                best = s.index();
            }
        }
        Proposal last = proposals.get(best);
        int n = budget - used;
        Batch fresh = last.draw(p, f, n, rng);
        Fit fit = regression(fresh, last.controls());
        double[] se = new double[m];
        double[] mcSe = new double[m];
        for (int k = 0; k < m; k++) {
            se[k] = Math.sqrt(fit.variances[k] / n);
            double varP = fit.secondMoments[k] - fit.estimates[k] * fit.estimates[k];
            mcSe[k] = Math.sqrt(Math.max(varP, 0) / budget);
        }
        return new Result(fit.estimates, se, mcSe, stages, best, used, n, reason, last.mixture());
    }

    /**
     * Plain Monte Carlo: {@code n} draws from p, the sample means and their standard errors
     * \( s_k/\sqrt n \) (\( s_k \) with divisor n − 1). The baseline for {@link #estimate}.
     */
    public static Estimate plainMonteCarlo(MultivariateDistribution p,
                                           List<? extends ToDoubleFunction<double[]>> functions, int n,
                                           UniformRandomProvider rng) {
        List<ToDoubleFunction<double[]>> f = requireInputs(p, functions);
        Checks.requireNonNull("rng", rng);
        if (n < 2) {
            throw Checks.fail("n must be at least 2: %d", n);
        }
        double[][] x = p.sample(rng, n);
        int m = f.size();
        double[] mean = new double[m];
        double[] se = new double[m];
        double[] y = new double[n];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < n; i++) {
                y[i] = evaluate(f.get(k), k, x[i]);
            }
            mean[k] = Numerics.sum(y) / n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = y[i] - mean[k];
                ss += r * r;
            }
            se[k] = Math.sqrt(ss / (n - 1) / n);
        }
        return new Estimate(mean, se, n);
    }

    /**
     * The regression estimator (class comment) on given points drawn independently from
     * {@code proposal}: control variates \( h_j/q - 1 \) for all mixture components but the last.
     * {@link #estimate} computes its final estimates exactly this way on its fresh sample.
     *
     * @param p         the law of X
     * @param proposal  the sampling density q of {@code points}
     * @param functions \( f_1, \dots, f_m \)
     * @param points    the draws, one row each, more than (number of components + 1) of them
     */
    public static Estimate regressionEstimate(MultivariateDistribution p, MultivariateMixture proposal,
                                              List<? extends ToDoubleFunction<double[]>> functions,
                                              double[][] points) {
        Checks.requireNonNull("proposal", proposal);
        Checks.requireNonNull("points", points);
        List<ToDoubleFunction<double[]>> f = requireInputs(p, functions);
        if (proposal.dimension() != p.dimension()) {
            throw Checks.fail("proposal has dimension %d, p has %d", proposal.dimension(), p.dimension());
        }
        int n = points.length;
        if (n < proposal.size() + 1) {
            throw Checks.fail("points must have at least %d rows for %d mixture components: %d",
                    proposal.size() + 1, proposal.size(), n);
        }
        for (int i = 0; i < n; i++) {
            if (points[i] == null || points[i].length != p.dimension()) {
                throw Checks.fail("points[%d] must have length %d", i, p.dimension());
            }
        }
        List<MultivariateDistribution> comps = new ArrayList<>();
        for (int j = 0; j < proposal.size(); j++) {
            comps.add(proposal.component(j));
        }
        Proposal q = new Proposal(comps, proposal.weights(), -1);
        Batch batch = q.evaluate(p, f, points);
        Fit fit = regression(batch, q.controls());
        double[] se = new double[f.size()];
        for (int k = 0; k < se.length; k++) {
            se[k] = Math.sqrt(fit.variances[k] / n);
        }
        return new Estimate(fit.estimates, se, n);
    }

    private static List<ToDoubleFunction<double[]>> requireInputs(MultivariateDistribution p,
            List<? extends ToDoubleFunction<double[]>> functions) {
        Checks.requireNonNull("p", p);
        Checks.requireNonNull("functions", functions);
        if (functions.isEmpty()) {
            throw Checks.fail("functions must not be empty");
        }
        List<ToDoubleFunction<double[]>> f = new ArrayList<>(functions.size());
        for (int k = 0; k < functions.size(); k++) {
            f.add(Checks.requireNonNull("functions[" + k + "]", functions.get(k)));
        }
        return Collections.unmodifiableList(f);
    }

    private static double evaluate(ToDoubleFunction<double[]> f, int k, double[] x) {
        double v = f.applyAsDouble(x.clone());
        if (!Double.isFinite(v)) {
            throw Checks.fail("functions[%d] returned a non-finite value %s at a sample point", k, v);
        }
        return v;
    }

    private double criterion(Fit fit, int m, int n, int remaining) {
        double sum = 0;
        for (int k = 0; k < m; k++) {
            if (!fit.seen[k]) {
                return Double.POSITIVE_INFINITY;
            }
            double v = fit.variances[k];
            if (criterion == Criterion.RELATIVE) {
                double scale = fit.estimates[k] * fit.estimates[k] + v / n;
                sum += scale > 0 ? v / scale : 0;
            } else if (criterion == Criterion.WEIGHTED) {
                sum += criterionWeights[k] * v;
            } else {
                sum += v;
            }
        }
        return sum / remaining;
    }

    /** N(sample mean, FALLBACK_SCALE² sample covariance) of a sample of p, or null if degenerate. */
    private static MultivariateNormal widened(double[][] x, int d) {
        double[][] moments = weightedMoments(x, null, d);
        double[] mean = moments[0];
        double[][] cov = new double[d][d];
        for (int a = 0; a < d; a++) {
            for (int b = 0; b < d; b++) {
                cov[a][b] = FALLBACK_SCALE * FALLBACK_SCALE * moments[1 + a][b];
            }
        }
        try {
            return MultivariateNormal.of(mean, cov);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** {mean, then the d rows of the covariance (with a relative ridge)} of weighted points. */
    static double[][] weightedMoments(double[][] x, double[] w, int d) {
        double[] mean = new double[d];
        double[][] cov = WeightedCovariance.of(x, w, mean);
        double trace = 0;
        for (int a = 0; a < d; a++) {
            trace += cov[a][a];
        }
        double ridge = COVARIANCE_RIDGE * trace / d;
        double[][] out = new double[d + 1][];
        out[0] = mean;
        for (int a = 0; a < d; a++) {
            cov[a][a] += ridge;
            out[1 + a] = cov[a];
        }
        return out;
    }

    /** Points of one draw with their log-densities and function values. */
    private static final class Batch {
        final double[][] points;
        final double[] logP;
        final double[] logQ;
        final double[][] logComponents; // [n][J]
        final double[][] values; // [n][m]

        Batch(double[][] points, double[] logP, double[] logQ, double[][] logComponents, double[][] values) {
            this.points = points;
            this.logP = logP;
            this.logQ = logQ;
            this.logComponents = logComponents;
            this.values = values;
        }
    }

    /**
     * A mixture sampling density. {@code defensiveIndex} is the component that is p itself (its
     * log-density is reused), or −1.
     */
    private static final class Proposal {
        final List<MultivariateDistribution> components;
        final double[] weights;
        final double[] logWeights;
        final int defensiveIndex;

        Proposal(List<MultivariateDistribution> components, double[] weights, int defensiveIndex) {
            this.components = components;
            double total = 0;
            for (double w : weights) {
                total += w;
            }
            this.weights = new double[weights.length];
            this.logWeights = new double[weights.length];
            for (int j = 0; j < weights.length; j++) {
                this.weights[j] = weights[j] / total;
                this.logWeights[j] = Math.log(this.weights[j]);
            }
            this.defensiveIndex = defensiveIndex;
        }

        /** (1 − δ)/m Σ fitted + δ p, p last; p alone when there are no fitted components. */
        static Proposal of(MultivariateDistribution p, List<MultivariateDistribution> fitted, double delta) {
            List<MultivariateDistribution> comps = new ArrayList<>(fitted);
            int m = fitted.size();
            if (m == 0) {
                return new Proposal(List.of(p), new double[] {1}, 0);
            }
            if (delta == 0) {
                double[] w = new double[m];
                Arrays.fill(w, 1.0 / m);
                return new Proposal(comps, w, -1);
            }
            comps.add(p);
            double[] w = new double[m + 1];
            Arrays.fill(w, (1 - delta) / m);
            w[m] = delta;
            return new Proposal(comps, w, m);
        }

        /** Number of control variates: every component but the last. */
        int controls() {
            return components.size() - 1;
        }

        MultivariateMixture mixture() {
            return MultivariateMixture.of(weights, components);
        }

        Batch draw(MultivariateDistribution p, List<ToDoubleFunction<double[]>> f, int n,
                   UniformRandomProvider rng) {
            int[] counts = new int[components.size()];
            if (components.size() == 1) {
                counts[0] = n;
            } else {
                SharedStateDiscreteSampler pick = AliasMethodDiscreteSampler.of(rng, weights);
                for (int i = 0; i < n; i++) {
                    counts[pick.sample()]++;
                }
            }
            double[][] x = new double[n][];
            int at = 0;
            for (int j = 0; j < counts.length; j++) {
                if (counts[j] == 0) {
                    continue;
                }
                double[][] part = components.get(j).sample(rng, counts[j]);
                System.arraycopy(part, 0, x, at, counts[j]);
                at += counts[j];
            }
            return evaluate(p, f, x);
        }

        Batch evaluate(MultivariateDistribution p, List<ToDoubleFunction<double[]>> f, double[][] x) {
            int n = x.length;
            int jn = components.size();
            int m = f.size();
            double[] logP = new double[n];
            double[] logQ = new double[n];
            double[][] logC = new double[n][jn];
            double[][] values = new double[n][m];
            double[] terms = new double[jn];
            for (int i = 0; i < n; i++) {
                logP[i] = p.logDensity(x[i]);
                for (int j = 0; j < jn; j++) {
                    logC[i][j] = j == defensiveIndex ? logP[i] : components.get(j).logDensity(x[i]);
                    terms[j] = logWeights[j] + logC[i][j];
                }
                logQ[i] = Numerics.logSumExp(terms);
                for (int k = 0; k < m; k++) {
                    values[i][k] = MultipleExpectations.evaluate(f.get(k), k, x[i]);
                }
            }
            return new Batch(x, logP, logQ, logC, values);
        }
    }

    /** All adaptation points, for the weighted fits. */
    private static final class Pool {
        final int d;
        final int m;
        final double[][] points;
        final double[] logRatio; // log p − log q_s
        final double[][] values;
        int size;

        Pool(int d, int m, int capacity) {
            this.d = d;
            this.m = m;
            this.points = new double[capacity][];
            this.logRatio = new double[capacity];
            this.values = new double[capacity][];
        }

        void add(Batch b) {
            for (int i = 0; i < b.points.length; i++) {
                points[size] = b.points[i];
                logRatio[size] = b.logP[i] - b.logQ[i];
                values[size] = b.values[i];
                size++;
            }
        }

        /** Cross-entropy fit of g_k* ∝ |f_k| p by a normal, or the fallback. */
        MultivariateDistribution fit(int k, MultivariateNormal fallback) {
            double[] logW = new double[size];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < size; i++) {
                double v = Math.abs(values[i][k]);
                logW[i] = v > 0 ? Math.log(v) + logRatio[i] : Double.NEGATIVE_INFINITY;
                max = Math.max(max, logW[i]);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                return fallbackOrThrow(fallback, k);
            }
            double[] w = new double[size];
            double s1 = 0;
            double s2 = 0;
            for (int i = 0; i < size; i++) {
                w[i] = Math.exp(logW[i] - max);
                s1 += w[i];
                s2 += w[i] * w[i];
            }
            double ess = s1 * s1 / s2;
            if (ess < d + 1) {
                return fallbackOrThrow(fallback, k);
            }
            double[][] mom = weightedMoments(Arrays.copyOf(points, size), w, d);
            double[][] cov = Arrays.copyOfRange(mom, 1, d + 1);
            try {
                return MultivariateNormal.of(mom[0], cov);
            } catch (IllegalArgumentException e) {
                return fallbackOrThrow(fallback, k);
            }
        }

        private static MultivariateDistribution fallbackOrThrow(MultivariateNormal fallback, int k) {
            if (fallback == null) {
                throw Checks.fail("cannot fit a sampling density for functions[%d]: the stage-0 sample of p "
                        + "has a singular covariance", k);
            }
            return fallback;
        }
    }

    /** Regression-estimator output. */
    private static final class Fit {
        final double[] estimates;
        final double[] variances;
        final double[] secondMoments;
        final boolean[] seen;

        Fit(double[] estimates, double[] variances, double[] secondMoments, boolean[] seen) {
            this.estimates = estimates;
            this.variances = variances;
            this.secondMoments = secondMoments;
            this.seen = seen;
        }
    }

    /** The regression estimator on a batch, with the first {@code jc} components as control variates. */
    private static Fit regression(Batch b, int jc) {
        int n = b.points.length;
        int m = b.values[0].length;
        double[][] y = new double[m][n];
        double[] second = new double[m];
        boolean[] seen = new boolean[m];
        for (int i = 0; i < n; i++) {
            double ratio = Math.exp(b.logP[i] - b.logQ[i]);
            for (int k = 0; k < m; k++) {
                double v = b.values[i][k];
                y[k][i] = v * ratio;
                second[k] += v * v * ratio;
                seen[k] |= v != 0;
            }
        }
        for (int k = 0; k < m; k++) {
            second[k] /= n;
        }
        double[][] c = new double[jc][n];
        double[] cMean = new double[jc];
        for (int j = 0; j < jc; j++) {
            for (int i = 0; i < n; i++) {
                c[j][i] = Math.exp(b.logComponents[i][j] - b.logQ[i]) - 1;
            }
            cMean[j] = Numerics.sum(c[j]) / n;
            for (int i = 0; i < n; i++) {
                c[j][i] -= cMean[j];
            }
        }
        // Pseudo-inverse of the centred scatter S = Cᵀ C by its symmetric eigen-decomposition.
        double[][] vecs = new double[jc][];
        double[] inv = new double[jc];
        if (jc > 0) {
            DMatrixRMaj s = new DMatrixRMaj(jc, jc);
            for (int a = 0; a < jc; a++) {
                for (int bb = 0; bb <= a; bb++) {
                    double v = 0;
                    for (int i = 0; i < n; i++) {
                        v += c[a][i] * c[bb][i];
                    }
                    s.set(a, bb, v);
                    s.set(bb, a, v);
                }
            }
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(jc, true, true);
            if (!eig.decompose(s)) {
                throw new IllegalStateException("eigen-decomposition of the control-variate scatter failed");
            }
            double top = 0;
            for (int a = 0; a < jc; a++) {
                top = Math.max(top, Math.abs(eig.getEigenvalue(a).getReal()));
            }
            for (int a = 0; a < jc; a++) {
                double lambda = eig.getEigenvalue(a).getReal();
                DMatrixRMaj v = eig.getEigenVector(a);
                vecs[a] = v == null ? new double[jc] : v.getData().clone();
                if (v != null && lambda > RANK_TOLERANCE * top && top > 0) {
                    double norm = 0;
                    for (double e : vecs[a]) {
                        norm += e * e;
                    }
                    inv[a] = 1 / (lambda * norm);
                }
            }
        }
        // Î_k = Σ_i a_i Y_ik with a_i = 1/n - (S⁺c̄)ᵀ(c_i - c̄); leverage h_i = 1/n + (c_i - c̄)ᵀ S⁺ (c_i - c̄).
        double[] meanProj = new double[jc]; // v_eᵀ c̄ per eigenvector
        for (int e = 0; e < jc; e++) {
            for (int f = 0; f < jc; f++) {
                meanProj[e] += vecs[e][f] * cMean[f];
            }
        }
        double[] looScale = new double[n];
        for (int i = 0; i < n; i++) {
            double dot = 0;
            double lev = 1.0 / n;
            for (int e = 0; e < jc; e++) {
                if (inv[e] == 0) {
                    continue;
                }
                double pc = 0;
                for (int f = 0; f < jc; f++) {
                    pc += vecs[e][f] * c[f][i];
                }
                dot += inv[e] * meanProj[e] * pc;
                lev += inv[e] * pc * pc;
            }
            looScale[i] = (1.0 / n - dot) / Math.max(1 - lev, LEVERAGE_FLOOR);
        }
        double[] estimates = new double[m];
        double[] variances = new double[m];
        double[] beta = new double[jc];
        double[] sy = new double[jc];
        for (int k = 0; k < m; k++) {
            double[] yk = y[k];
            double mean = Numerics.sum(yk) / n;
            for (int a = 0; a < jc; a++) {
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += c[a][i] * (yk[i] - mean);
                }
                sy[a] = v;
            }
            Arrays.fill(beta, 0);
            for (int a = 0; a < jc; a++) {
                if (inv[a] == 0) {
                    continue;
                }
                double proj = 0;
                for (int e = 0; e < jc; e++) {
                    proj += vecs[a][e] * sy[e];
                }
                proj *= inv[a];
                for (int e = 0; e < jc; e++) {
                    beta[e] += proj * vecs[a][e];
                }
            }
            double est = mean;
            for (int a = 0; a < jc; a++) {
                est -= beta[a] * cMean[a];
            }
            double ss = 0;
            for (int i = 0; i < n; i++) {
                double r = yk[i] - mean;
                for (int a = 0; a < jc; a++) {
                    r -= beta[a] * c[a][i];
                }
                double t = looScale[i] * r;
                ss += t * t;
            }
            estimates[k] = est;
            variances[k] = n * ss;
        }
        return new Fit(estimates, variances, second, seen);
    }
}
