package dev.genqueue.worker.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.testing.HostileBodies;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The fuzz generator against the triage alone, without broker or database: every hostile body of every kind
 * is refused with a reason, every valid body accepted. Twenty thousand by default; -Dgenqueue.fuzz.triage=100000 for more.
 */
class HostileBodiesTriageTest {

    private static final int BODIES = Integer.getInteger("genqueue.fuzz.triage", 20_000);
    private static final long SEED = Long.getLong("genqueue.fuzz.seed", System.nanoTime());

    @Test
    void everyGeneratedHostileBodyIsRefusedWithAReasonAndEveryValidOneAccepted() {
        HostileBodies bodies = new HostileBodies(SEED, "triage-fuzz");
        Map<HostileBodies.Kind, Integer> refused = new EnumMap<>(HostileBodies.Kind.class);
        for (int i = 0; i < BODIES; i++) {
            HostileBodies.Body body = bodies.next("h-" + i);
            Triaged triaged = RecordTriage.triage(new SourceRecord("t", 0, i, "k-" + i, body.bytes()));
            assertThat(triaged).as("%s #%d (seed %d)", body.kind(), i, SEED).isInstanceOf(Triaged.Invalid.class);
            assertThat(((Triaged.Invalid) triaged).reason()).isNotBlank().doesNotContain("\u0000");
            refused.merge(body.kind(), 1, Integer::sum);
            Triaged valid = RecordTriage.triage(new SourceRecord("t", 0, i, "v-" + i,
                    bodies.valid("v-" + i).getBytes(StandardCharsets.UTF_8)));
            assertThat(valid).isInstanceOf(Triaged.Valid.class);
        }
        System.out.printf("Triage fuzz (seed %d): %d hostile bodies refused with a reason, %d valid accepted; %s%n",
                SEED, BODIES, BODIES, refused);
    }
}
