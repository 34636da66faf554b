package dev.genqueue.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class BoundedTagValuesTest {

    @Test
    void theFirstValuesAreKeptAndTheRestFoldIntoOther() {
        BoundedTagValues values = new BoundedTagValues(3);

        assertThat(List.of("a", "b", "a", "c", "d", "e", "b").stream().map(values::of).toList())
                .containsExactly("a", "b", "a", "c", "other", "other", "b");
        assertThat(values.size()).isEqualTo(3);
    }

    @Test
    void absentOverlongAndReservedValuesNeverTakeASlot() {
        BoundedTagValues values = new BoundedTagValues(2);

        assertThat(values.of(null)).isEqualTo(BoundedTagValues.NONE);
        assertThat(values.of("")).isEqualTo(BoundedTagValues.NONE);
        assertThat(values.of("x".repeat(BoundedTagValues.MAX_LENGTH + 1))).isEqualTo(BoundedTagValues.OTHER);
        assertThat(values.of("other")).isEqualTo(BoundedTagValues.OTHER);
        assertThat(values.size()).isZero();
        assertThat(values.of("x".repeat(BoundedTagValues.MAX_LENGTH))).hasSize(BoundedTagValues.MAX_LENGTH);
    }

    @Test
    void concurrentCallersNeverKeepMoreThanTheLimit() throws Exception {
        BoundedTagValues values = new BoundedTagValues(50);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 2_000; i++) {
                    seen.add(values.of("tenant-" + (i * 8 + offset)));
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(seen).hasSize(51).contains(BoundedTagValues.OTHER);
        assertThat(values.size()).isEqualTo(50);
    }
}
