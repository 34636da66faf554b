package dev.genqueue.api.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.store.deadletter.RedriveRequestIds;
import org.junit.jupiter.api.Test;

class RedriveRequestIdsTest {

    @Test
    void firstRedriveAppendsOne() {
        assertThat(RedriveRequestIds.next("order-42")).isEqualTo("order-42:redrive:1");
    }

    @Test
    void redriveOfARedriveCountsOn() {
        assertThat(RedriveRequestIds.next("order-42:redrive:1")).isEqualTo("order-42:redrive:2");
        assertThat(RedriveRequestIds.next("order-42:redrive:9")).isEqualTo("order-42:redrive:10");
    }

    @Test
    void longIdsStayWithinTheLimitAndDistinct() {
        String a = "a".repeat(125) + "xyz";
        String b = "a".repeat(125) + "xyw";

        String nextA = RedriveRequestIds.next(a);
        String nextB = RedriveRequestIds.next(b);

        assertThat(nextA).hasSizeLessThanOrEqualTo(128).endsWith(":redrive:1").matches("[A-Za-z0-9][A-Za-z0-9._:@/-]*");
        assertThat(nextB).hasSizeLessThanOrEqualTo(128).isNotEqualTo(nextA);
        assertThat(RedriveRequestIds.next(nextA)).hasSizeLessThanOrEqualTo(128).endsWith(":redrive:2")
                .startsWith(nextA.substring(0, nextA.length() - ":redrive:1".length()));
    }
}
