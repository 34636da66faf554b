package dev.genqueue.store.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GroupCommitterTest {

    @Test
    void itemsQueuedWhileABatchCommitsShareTheNextOneAndEveryCallerGetsItsOwnResult() throws Exception {
        CountDownLatch firstBatchEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer, String> committer = new GroupCommitter<>("test", 100, 1, items -> {
            batchSizes.add(items.size());
            firstBatchEntered.countDown();
            await(release);
            return items.stream().map(i -> "r" + i).toList();
        });
        committer.start();
        try {
            CompletableFuture<String> first = committer.submit(0);
            assertThat(firstBatchEntered.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<String>> rest = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                rest.add(committer.submit(i));
            }
            release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("r0");
            for (int i = 1; i <= 10; i++) {
                assertThat(rest.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo("r" + i);
            }
            assertThat(batchSizes).containsExactly(1, 10);
        } finally {
            committer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aFailingBatchIsRetriedItemByItemSoOnlyTheBadItemFails() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("test", 100, 1, items -> {
            await(release);
            if (items.contains(3)) {
                throw new IllegalArgumentException("item 3 is bad");
            }
            return items.stream().map(i -> i * 2).toList();
        });
        committer.start();
        try {
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                results.add(committer.submit(i));
            }
            release.countDown();

            for (int i = 0; i < 6; i++) {
                if (i == 3) {
                    CompletableFuture<Integer> bad = results.get(i);
                    assertThatThrownBy(() -> bad.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                            .hasCauseInstanceOf(IllegalArgumentException.class);
                } else {
                    assertThat(results.get(i).get(5, TimeUnit.SECONDS)).isEqualTo(i * 2);
                }
            }
        } finally {
            committer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aBatchThatMetAnUnavailableDatabaseFailsWholeInsteadOfItemByItem() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("test", 100, 1, items -> {
            entered.countDown();
            await(release);
            calls.incrementAndGet();
            throw new IllegalStateException("commit failed", new SQLException("I/O error", "08006"));
        });
        committer.start();
        try {
            CompletableFuture<Integer> first = committer.submit(0);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> rest = new ArrayList<>();
            for (int i = 1; i <= 5; i++) {
                rest.add(committer.submit(i));
            }
            release.countDown();

            assertThatThrownBy(() -> first.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
            for (CompletableFuture<Integer> result : rest) {
                assertThatThrownBy(() -> result.get(5, TimeUnit.SECONDS)).hasRootCauseInstanceOf(SQLException.class);
            }
            // the first item alone, then the five queued meanwhile together: no retry one by one
            assertThat(calls).hasValue(2);
        } finally {
            committer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void aStoppedCommitterRefusesNewItems() {
        GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("test", 10, 1, items -> items);
        committer.start();
        committer.stop(Duration.ofSeconds(1));

        assertThat(committer.submit(1)).isCompletedExceptionally();
    }

    @Test
    void aFullQueueRefusesTheNextItemAtOnceInsteadOfGrowing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("test", 10, 1, 3, items -> {
            entered.countDown();
            await(release);
            return items;
        });
        committer.start();
        try {
            CompletableFuture<Integer> running = committer.submit(0);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            List<CompletableFuture<Integer>> queued = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                queued.add(committer.submit(i));
            }
            assertThat(committer.queued()).isEqualTo(3);

            CompletableFuture<Integer> refused = committer.submit(4);

            assertThat(refused).isCompletedExceptionally();
            assertThatThrownBy(refused::join).hasCauseInstanceOf(QueueFullException.class);
            assertThat(committer.queued()).isEqualTo(3);
            release.countDown();
            assertThat(running.get(5, TimeUnit.SECONDS)).isZero();
            for (int i = 1; i <= 3; i++) {
                assertThat(queued.get(i - 1).get(5, TimeUnit.SECONDS)).isEqualTo(i);
            }
        } finally {
            committer.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void anItemWhoseCallerGaveUpIsNotCommitted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> committed = Collections.synchronizedList(new ArrayList<>());
        GroupCommitter<Integer, Integer> committer = new GroupCommitter<>("test", 10, 1, 10, items -> {
            entered.countDown();
            await(release);
            committed.addAll(items);
            return items;
        });
        committer.start();
        try {
            CompletableFuture<Integer> first = committer.submit(0);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> abandoned = committer.submit(1);
            CompletableFuture<Integer> kept = committer.submit(2);
            abandoned.cancel(false);
            release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).isZero();
            assertThat(kept.get(5, TimeUnit.SECONDS)).isEqualTo(2);
            assertThat(committed).containsExactly(0, 2);
        } finally {
            committer.stop(Duration.ofSeconds(1));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
