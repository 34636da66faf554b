package dev.genqueue.stack;

import dev.genqueue.stack.process.HttpProbe;
import dev.genqueue.stack.service.ServiceProcess;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;

/** What the launcher prints once the stack is up: where every part listens and how to try it. */
final class Banner {

    private Banner() {
    }

    static void print(GenqueueStack stack, Duration startup, PrintStream out) {
        StackSettings settings = stack.settings();
        String api = stack.api().baseUrl();
        out.printf("%ngenqueue is up (%.1f s)%n%n", startup.toMillis() / 1000.0);
        row(out, "REST API", api + "/v1/jobs");
        row(out, "OpenAPI", api + "/q/openapi");
        if (hasSwaggerUi(api)) {
            row(out, "Swagger UI", api + "/q/swagger-ui");
        }
        for (ServiceProcess worker : stack.workers()) {
            row(out, worker.name(), worker.baseUrl() + "/q/health");
        }
        stack.simulator().ifPresentOrElse(
                simulator -> row(out, "APIXO simulator", simulator.baseUrl() + "/api/v1  (key "
                        + simulator.apiKey() + ", time factor " + settings.simulatorTimeFactor() + ", stats "
                        + simulator.baseUrl() + "/_sim/stats)"),
                () -> row(out, "APIXO", stack.apixoBaseUrl() + "/api/v1  (real account, key from APIXO_API_KEY)"));
        row(out, "Kafka", stack.kafka().bootstrapServers());
        row(out, "PostgreSQL", stack.jdbcUrl() + "  (user " + stack.postgres().user()
                + (stack.postgres().isEmbedded() ? ", embedded" : "") + ")");
        row(out, "logs", settings.logDir().toString());
        row(out, "stored outputs", settings.storageDir().toString());
        out.println();
        out.println("Submit a job, then fetch it by its request id (or at the Location the first call returns):");
        out.println("  curl -s " + api + "/v1/jobs -H 'Content-Type: application/json' \\");
        out.println("    -d '{\"requestId\":\"hello-1\",\"tenantId\":\"demo\",\"model\":\"nano-banana\","
                + "\"input\":{\"prompt\":\"a lighthouse at dawn\"}}'");
        out.println("  curl -s '" + api + "/v1/jobs?tenantId=demo&requestId=hello-1'");
        out.println();
        out.println("Stop with Ctrl-C, by typing stop here, or with ./genqueue stop from another terminal.");
        out.flush();
    }

    private static void row(PrintStream out, String what, String where) {
        out.printf("  %-16s %s%n", what, where);
    }

    // the UI is only packaged when the service is built with it; a redirect also means it is there
    private static boolean hasSwaggerUi(String api) {
        int status = HttpProbe.status(api + "/q/swagger-ui", Map.of());
        return status >= 200 && status < 400;
    }
}
