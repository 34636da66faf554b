package dev.genqueue.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WrkTest {

    private static final String OUTPUT = """
            Running 5s test @ http://127.0.0.1:8080/v1/jobs
              2 threads and 32 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     5.12ms    2.03ms  30.12ms   80.00%
                Req/Sec     3.20k   200.00     3.50k    70.00%
              Latency Distribution
                 50%  850.00us
                 75%    6.00ms
                 90%    8.00ms
                 99%    1.20s
              32000 requests in 5.00s, 5.00MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 5
            Requests/sec:   6400.25
            Transfer/sec:      1.00MB
            """;

    @Test
    void readsRateLatencyPercentilesAndErrors() {
        Wrk.Result result = Wrk.parse(OUTPUT);

        assertThat(result.requestsPerSecond()).isEqualTo(6400.25);
        assertThat(result.requests()).isEqualTo(32000);
        assertThat(result.p50Millis()).isEqualTo(0.85);
        assertThat(result.p99Millis()).isEqualTo(1200.0);
        assertThat(result.errors()).isEqualTo(8);
    }

    @Test
    void theScriptNumbersRequestsPerThread() {
        String script = Wrk.script("bench-ingest-x");

        assertThat(script).contains("thread:set(\"tid\", threads)", "\"bench-ingest-x-\" .. tid .. \"-\" .. n",
                "\"tenantId\":\"bench-ingest-x\"", "wrk.format(\"POST\", \"/v1/jobs\"");
    }
}
