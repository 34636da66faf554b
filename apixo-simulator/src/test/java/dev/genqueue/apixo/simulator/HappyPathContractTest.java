package dev.genqueue.apixo.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A task of each media category goes pending → processing → success with downloadable, stable bytes. */
class HappyPathContractTest {

    private static ApixoSimulator simulator;
    private static ApiClient client;

    @BeforeAll
    static void start() {
        simulator = ApixoSimulator.start(SimulatorConfig.builder()
                .timeFactor(0.002)
                // wide phases (1 s each in wall-clock time) so every state is observed even on a busy machine
                .pendingDuration(DurationRange.ofSeconds(500, 500))
                .modelDuration("nano-banana", DurationRange.ofSeconds(500, 500))
                .seed(7L)
                .apiKey("happy-key", Plan.UNLIMITED, new BigDecimal("100"))
                .build());
        client = new ApiClient(simulator.baseUrl(), "happy-key");
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void imageTaskMovesThroughEveryStateAndServesAPng() {
        ObjectNode body = ApiClient.body("text-to-image", "a red bicycle leaning on a brick wall");
        ApiClient.Answer submitted = client.submit("nano-banana", body);

        assertThat(submitted.status()).isEqualTo(200);
        assertThat(submitted.code()).isEqualTo(200);
        assertThat(submitted.json().get("message").asText()).isEqualTo("success");
        String taskId = submitted.taskId();
        assertThat(taskId).matches("task_[0-9a-f]{24}");

        ApiClient.Answer first = client.status("nano-banana", taskId);
        assertThat(first.data().get("state").asText()).isEqualTo("pending");
        assertThat(first.data().has("resultJson")).isFalse();
        assertThat(first.data().has("completeTime")).isFalse();

        List<String> seen = new ArrayList<>();
        ApiClient.Answer done = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5))
                .until(() -> {
                    ApiClient.Answer answer = client.status("nano-banana", taskId);
                    String state = answer.data().get("state").asText();
                    if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
                        seen.add(state);
                    }
                    return answer;
                }, answer -> answer.data().get("state").asText().equals("success"));

        assertThat(seen).containsExactly("pending", "processing", "success");
        assertThat(done.data().get("resultJson").isTextual()).isTrue();
        assertThat(done.data().get("costTime").asLong())
                .isEqualTo(done.data().get("completeTime").asLong() - done.data().get("createTime").asLong());
        assertThat(done.data().has("failCode")).isFalse();
        List<String> urls = ApiClient.resultUrls(done);
        assertThat(urls).hasSize(1).allMatch(url -> url.startsWith(simulator.baseUrl() + "/files/" + taskId + "_0"));

        HttpResponse<byte[]> file = client.download(urls.get(0));
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(file.headers().firstValueAsLong("Content-Length")).hasValue(file.body().length);
        assertThat(file.body()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(ApiClient.sha256(client.download(urls.get(0)).body())).isEqualTo(ApiClient.sha256(file.body()));
    }

    @Test
    void videoTaskServesAnMp4() {
        ObjectNode body = ApiClient.body("text-to-video", "a drone shot over a foggy forest");
        body.put("provider", "official");
        String taskId = client.submit("sora-2", body).taskId();

        ApiClient.Answer done = awaitTerminal("sora-2", taskId);

        assertThat(done.data().get("state").asText()).isEqualTo("success");
        List<String> urls = ApiClient.resultUrls(done);
        assertThat(urls).hasSize(1).allMatch(url -> url.endsWith(".mp4"));
        HttpResponse<byte[]> file = client.download(urls.get(0));
        assertThat(file.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(new String(file.body(), 4, 8)).isEqualTo("ftypisom");
    }

    @Test
    void sunoTaskServesTwoTracksAndTwoCovers() {
        ObjectNode body = ApiClient.body("V4_5PLUS", "an upbeat song about queues");
        String taskId = client.submit("suno", body).taskId();

        ApiClient.Answer done = awaitTerminal("suno", taskId);

        List<String> urls = ApiClient.resultUrls(done);
        assertThat(urls).hasSize(4);
        assertThat(urls.subList(0, 2)).allMatch(url -> url.endsWith(".mp3"));
        assertThat(urls.subList(2, 4)).allMatch(url -> url.endsWith(".png"));
        HttpResponse<byte[]> track = client.download(urls.get(0));
        assertThat(track.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
        assertThat(new String(track.body(), 0, 3)).isEqualTo("ID3");
        assertThat(ApiClient.sha256(track.body())).isNotEqualTo(ApiClient.sha256(client.download(urls.get(1)).body()));
    }

    private static ApiClient.Answer awaitTerminal(String model, String taskId) {
        return await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> client.status(model, taskId), answer -> {
                    String state = answer.data().get("state").asText();
                    return state.equals("success") || state.equals("failed");
                });
    }
}
