package dev.entropic.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.entropic.divergences.Divergence;
import dev.entropic.divergences.DivergenceKind;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The JSON report of {@link PeerTiming} carries one entry per kind with the engine's value. */
class PeerTimingTest {
    @Test
    void reportsEveryRequestedKindWithItsValue() {
        double[][] pq = BenchData.pair(3, 200);
        String json = PeerTiming.run(pq[0], pq[1], List.of(DivergenceKind.KL, DivergenceKind.RENYI),
                2.0, 2, 0);
        assertTrue(json.startsWith("{\"n\":200,"), json);
        Matcher m = Pattern.compile("\"kind\":\"([a-z-]+)\",\"alpha\":([^,]+),\"value\":([^,]+),").matcher(json);
        assertTrue(m.find(), json);
        assertEquals("kl", m.group(1));
        assertEquals("null", m.group(2));
        assertEquals(Divergence.kl().between(pq[0], pq[1]), Double.parseDouble(m.group(3)), 0);
        assertTrue(m.find(), json);
        assertEquals("renyi", m.group(1));
        assertEquals("2.0", m.group(2));
        assertEquals(Divergence.renyi(2).between(pq[0], pq[1]), Double.parseDouble(m.group(3)), 0);
        assertTrue(json.contains("\"arraysSeconds\":") && json.endsWith("}]}"), json);
    }
}
