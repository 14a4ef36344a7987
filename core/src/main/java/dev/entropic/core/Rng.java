package dev.entropic.core;

import org.apache.commons.rng.simple.RandomSource;
import org.apache.commons.rng.SplittableUniformRandomProvider;

/**
 * Seeded, splittable random streams. Every random computation in entropic takes a
 * {@link org.apache.commons.rng.UniformRandomProvider}; this class makes the canonical one, so that
 * the same seed gives the same numbers in every module, from Java and from the CLI.
 *
 * <p>The generator is Commons RNG's {@code L64_X128_MIX} (an LXM generator, period 2^192), which
 * supports {@code split()}: independent child streams for parallel work that stay reproducible.
 */
public final class Rng {
    private Rng() {
    }

    /** The canonical generator for {@code seed}. */
    public static SplittableUniformRandomProvider seeded(long seed) {
        return (SplittableUniformRandomProvider) RandomSource.L64_X128_MIX.create(seed);
    }
}
