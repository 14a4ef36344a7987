package dev.entropic.transport;

/** The algorithm that produced a {@link TransportResult}. */
public enum TransportMethod {
    /** Exact OT by the network simplex ({@link NetworkSimplex}). */
    NETWORK_SIMPLEX,
    /** Exact OT on the line by the quantile coupling ({@link OneDimensionalTransport}). */
    QUANTILE_COUPLING,
    /** Entropic OT, scaling-domain Sinkhorn ({@link Sinkhorn}). */
    SINKHORN,
    /** Entropic OT, stabilised log-domain Sinkhorn ({@link LogSinkhorn}). */
    SINKHORN_LOG,
    /** Entropic OT, Sinkhorn-Newton-Sparse ({@link SinkhornNewtonSparse}). */
    SINKHORN_NEWTON_SPARSE,
    /** Unbalanced entropic OT with KL-relaxed marginals ({@link UnbalancedSinkhorn}). */
    UNBALANCED_SINKHORN
}
