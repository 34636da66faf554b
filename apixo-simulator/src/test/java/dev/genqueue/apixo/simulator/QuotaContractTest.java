package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Plans (requests per window, concurrent tasks) and money (prices, 402, refunds, top-ups). */
class QuotaContractTest {

    private static final String IMAGE = "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"%s\"}}";

    @Test
    void freePlanAllowsTenRequestsPerWindowAcrossAllEndpoints() {
        try (ApixoSimulator simulator = start(builder().apiKey("free-key", Plan.FREE, BigDecimal.TEN))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "free-key");
            String taskId = client.submit("nano-banana", IMAGE.formatted("one")).taskId();
            for (int i = 0; i < 5; i++) {
                assertThat(client.status("nano-banana", taskId).status()).isEqualTo(200);
            }
            for (int i = 0; i < 4; i++) {
                assertThat(client.balance().status()).isEqualTo(200);
            }

            ApiClient.Answer limited = client.balance();

            assertThat(limited.status()).isEqualTo(429);
            assertThat(limited.code()).isEqualTo(429);
            assertThat(limited.raw().headers().firstValue("Retry-After")).isEmpty();
            assertThat(client.submit("nano-banana", IMAGE.formatted("two")).status()).isEqualTo(429);
            assertThat(simulator.stats().rateLimited()).isEqualTo(2);
            assertThat(simulator.stats().tooManyRequests()).isEqualTo(2);
            assertThat(simulator.stats().keys().get("free-key").requestsInWindow()).isEqualTo(10);
        }
    }

    @Test
    void scaledRateWindowSlidesAndRetryAfterIsOptIn() {
        try (ApixoSimulator simulator = start(builder().timeFactor(0.02).scaleRateLimitWindow(true)
                .retryAfterHeader(true).apiKey("tiny-key", Plan.custom(2, 5), BigDecimal.TEN))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "tiny-key");
            client.balance();
            client.balance();

            ApiClient.Answer limited = client.balance();

            assertThat(limited.status()).isEqualTo(429);
            // seconds until the oldest counted request leaves the 1.2 s window, rounded up
            assertThat(limited.raw().headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Integer.parseInt(seconds)).isBetween(1, 2));
            // 60 s x 0.02 = 1.2 s window
            await().atMost(Duration.ofSeconds(5)).until(() -> client.balance().status() == 200);
        }
    }

    @Test
    void concurrencyLimitRefusesSubmitsUntilATaskFinishes() {
        try (ApixoSimulator simulator = start(builder().apiKey("busy-key", Plan.custom(1000, 2), BigDecimal.TEN)
                .modelDuration("nano-banana", DurationRange.ofSeconds(1000, 1000)))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "busy-key");
            assertThat(client.submit("nano-banana", IMAGE.formatted("a")).status()).isEqualTo(200);
            assertThat(client.submit("nano-banana", IMAGE.formatted("b")).status()).isEqualTo(200);

            ApiClient.Answer third = client.submit("nano-banana", IMAGE.formatted("c"));

            assertThat(third.status()).isEqualTo(429);
            assertThat(third.json().get("message").asText()).isEqualTo("Concurrent task limit reached");
            assertThat(simulator.stats().concurrencyLimited()).isEqualTo(1);
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.submit("nano-banana", IMAGE.formatted("d")).status() == 200);
            assertThat(simulator.stats().keys().get("busy-key").maxConcurrency()).isEqualTo(2);
        }
    }

    @Test
    void parallelSubmitsNeverOvershootTheConcurrencyLimit() throws Exception {
        try (ApixoSimulator simulator = start(builder().apiKey("race-key", Plan.custom(1000, 3), BigDecimal.TEN)
                .modelDuration("nano-banana", DurationRange.ofSeconds(1000, 1000)))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "race-key");
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<Integer>> answers = IntStream.range(0, 24).mapToObj(i -> pool.submit(
                        () -> client.submit("nano-banana", IMAGE.formatted("p" + i)).status())).toList();
                long admitted = 0;
                for (Future<Integer> answer : answers) {
                    admitted += answer.get() == 200 ? 1 : 0;
                }

                assertThat(admitted).isEqualTo(3);
                assertThat(simulator.stats().concurrencyLimited()).isEqualTo(21);
                assertThat(simulator.stats().keys().get("race-key").maxConcurrency()).isEqualTo(3);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void balanceIsChargedAtSubmitAnd402WhenItCannotCoverThePrice() {
        try (ApixoSimulator simulator = start(builder().apiKey("wallet-key", Plan.UNLIMITED, new BigDecimal("1.50")))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "wallet-key");
            String wan = "{\"input\":{\"prompt\":\"rain\",\"resolution\":\"1080p\",\"duration\":10}}";

            assertThat(client.submit("wan-2-5", wan).status()).isEqualTo(200);
            assertThat(client.balance().data().decimalValue()).isEqualByComparingTo("0.20");
            ApiClient.Answer refused = client.submit("wan-2-5", wan);
            assertThat(refused.status()).isEqualTo(402);
            assertThat(refused.json().get("message").asText()).isEqualTo("Insufficient balance");

            simulator.control().topUp("wallet-key", new BigDecimal("5"));
            assertThat(client.submit("wan-2-5", wan).status()).isEqualTo(200);
            assertThat(client.balance().data().decimalValue()).isEqualByComparingTo("3.90");
            simulator.control().setBalance("wallet-key", new BigDecimal("0.0299"));
            assertThat(client.submit("nano-banana", IMAGE.formatted("x")).status()).isEqualTo(402);
            assertThat(simulator.stats().keys().get("wallet-key").charged()).isEqualByComparingTo("2.60");
        }
    }

    @Test
    void pricesFollowTheRequestedOutputs() {
        try (ApixoSimulator simulator = start(builder().apiKey("price-key", Plan.UNLIMITED, new BigDecimal("100")))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "price-key");
            client.submit("seedream-4-5", "{\"input\":{\"prompt\":\"p\",\"max_images\":3}}");
            client.submit("gpt-image-1", "{\"input\":{\"prompt\":\"p\",\"num_images\":4}}");
            client.submit("veo-3-1", "{\"input\":{\"mode\":\"quality\",\"prompt\":\"p\"}}");
            client.submit("midjourney", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\",\"speed\":\"turbo\"}}");

            // 3 x 0.04 + 4 x 0.035 + 1.50 + 0.20
            assertThat(simulator.stats().keys().get("price-key").charged()).isEqualByComparingTo("1.96");
        }
    }

    @Test
    void planChangeTakesEffectAtOnce() {
        try (ApixoSimulator simulator = start(builder().apiKey("grow-key", Plan.custom(1, 1), BigDecimal.TEN))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "grow-key");
            client.balance();
            assertThat(client.balance().status()).isEqualTo(429);

            simulator.control().setPlan("grow-key", Plan.UNLIMITED);

            assertThat(client.balance().status()).isEqualTo(200);
            assertThat(simulator.stats().keys().get("grow-key").plan()).isEqualTo("unlimited");
        }
    }

    private static SimulatorConfig.Builder builder() {
        return SimulatorConfig.builder().timeFactor(0.002).seed(9L).eventLoops(1);
    }

    private static ApixoSimulator start(SimulatorConfig.Builder builder) {
        return ApixoSimulator.start(builder.build());
    }
}
