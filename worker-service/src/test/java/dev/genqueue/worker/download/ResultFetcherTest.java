package dev.genqueue.worker.download;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ResultFetcherTest {

    @Test
    void extensionComesFromTheUrlThenTheContentType() {
        assertThat(ResultFetcher.extension(URI.create("https://cdn.apixo.ai/output/t_0.PNG?sig=1"), "image/jpeg"))
                .isEqualTo("png");
        assertThat(ResultFetcher.extension(URI.create("https://cdn.apixo.ai/output/t_0"), "video/mp4; codecs=x"))
                .isEqualTo("mp4");
        assertThat(ResultFetcher.extension(URI.create("https://cdn.apixo.ai/output/t.weird-ext!"), null)).isEqualTo("bin");
        assertThat(ResultFetcher.extension(URI.create("https://cdn.apixo.ai/"), "application/x-unknown")).isEqualTo("bin");
    }
}
