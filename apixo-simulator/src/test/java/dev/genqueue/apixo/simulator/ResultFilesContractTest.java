package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.apixo.simulator.fault.Endpoint;
import dev.genqueue.apixo.simulator.fault.FaultRule;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Result URLs: how many per model, formats, deterministic bytes, expiry and download faults. */
class ResultFilesContractTest {

    @Test
    void urlCountsFollowTheModelAndItsInput() {
        try (ApixoSimulator simulator = instant(Duration.ofHours(24))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "files-key");

            assertThat(urls(client, "midjourney", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}")).hasSize(4);
            assertThat(urls(client, "seedream-4-5", "{\"input\":{\"prompt\":\"p\",\"max_images\":3}}")).hasSize(3);
            assertThat(urls(client, "gpt-image-1", "{\"input\":{\"prompt\":\"p\",\"num_images\":2}}")).hasSize(2);
            assertThat(urls(client, "veo-3-1", "{\"input\":{\"prompt\":\"p\"}}")).hasSize(1);
        }
    }

    @Test
    void jpegIsServedWhenRequestedAndPixelsDependOnThePrompt() {
        try (ApixoSimulator simulator = instant(Duration.ofHours(24))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "files-key");
            String jpegUrl = urls(client, "nano-banana",
                    "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"a fox\",\"output_format\":\"jpeg\"}}").get(0);
            String fox = urls(client, "nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"a fox\"}}").get(0);
            String owl = urls(client, "nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"an owl\"}}").get(0);

            HttpResponse<byte[]> jpeg = client.download(jpegUrl);
            assertThat(jpegUrl).endsWith(".jpg");
            assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(jpeg.body()).startsWith(0xFF, 0xD8, 0xFF);
            assertThat(ApiClient.sha256(client.download(fox).body()))
                    .isNotEqualTo(ApiClient.sha256(client.download(owl).body()));
        }
    }

    @Test
    void sameTaskAndIndexGiveTheSameBytesAcrossSimulatorRuns() {
        String first;
        String second;
        try (ApixoSimulator simulator = instant(Duration.ofHours(24))) {
            first = ApiClient.sha256(download(simulator, "a lighthouse in a storm"));
        }
        try (ApixoSimulator simulator = instant(Duration.ofHours(24))) {
            second = ApiClient.sha256(download(simulator, "a lighthouse in a storm"));
        }
        assertThat(first).isEqualTo(second);
    }

    @Test
    void urlAnswers403OnceItsTtlHasPassed() {
        try (ApixoSimulator simulator = instant(Duration.ofMillis(1500))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "files-key");
            String url = urls(client, "nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}").get(0);
            assertThat(client.download(url).statusCode()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(6)).pollInterval(Duration.ofMillis(100))
                    .until(() -> client.download(url).statusCode() == 403);

            assertThat(simulator.stats().expiredDownloads()).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void unknownOrUnfinishedFilesAre404AndDownloadsCanBeFaulted() {
        try (ApixoSimulator simulator = instant(Duration.ofHours(24))) {
            ApiClient client = new ApiClient(simulator.baseUrl(), "files-key");
            String url = urls(client, "nano-banana", "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"p\"}}").get(0);
            simulator.control().addFault(FaultRule.on(Endpoint.FILES).times(1).respond(500));

            assertThat(client.download(url).statusCode()).isEqualTo(500);
            assertThat(client.download(url).statusCode()).isEqualTo(200);
            assertThat(client.download(url.replace("_0.png", "_1.png")).statusCode()).isEqualTo(404);
            assertThat(client.download(url.replace("_0.png", "_0.mp4")).statusCode()).isEqualTo(404);
            assertThat(client.download(simulator.baseUrl() + "/files/task_0_0.png").statusCode()).isEqualTo(404);
        }
    }

    private static byte[] download(ApixoSimulator simulator, String prompt) {
        ApiClient client = new ApiClient(simulator.baseUrl(), "files-key");
        return client.download(urls(client, "nano-banana",
                "{\"input\":{\"mode\":\"text-to-image\",\"prompt\":\"" + prompt + "\"}}").get(0)).body();
    }

    private static List<String> urls(ApiClient client, String model, String body) {
        String taskId = client.submit(model, body).taskId();
        return ApiClient.resultUrls(client.status(model, taskId));
    }

    private static ApixoSimulator instant(Duration ttl) {
        return ApixoSimulator.start(SimulatorConfig.builder().timeFactor(0).urlTtl(ttl).seed(1L).eventLoops(1)
                .apiKey("files-key", Plan.UNLIMITED, new BigDecimal("100")).build());
    }
}
