package dev.genqueue.api.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackHints;
import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@QuarkusTest
class JobsDueNotificationTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CallbackJobs jobs;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void acceptedCallbackWakesListeningWorkersThroughPostgres() throws Exception {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTED, "task_notify1", token);
        try (Connection listener = dataSource.getConnection(); Statement listen = listener.createStatement()) {
            listen.execute("LISTEN " + CallbackHints.JOBS_DUE_CHANNEL);
            PGConnection pg = listener.unwrap(PGConnection.class);

            given().contentType(ContentType.JSON).body(CallbackWebhookTest.success("task_notify1"))
                    .post(CallbackPaths.forJob(base.toString(), job, token)).then().statusCode(200);

            List<PGNotification> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] batch = pg.getNotifications(200);
                if (batch != null) {
                    received.addAll(List.of(batch));
                }
                return !received.isEmpty();
            });
            assertThat(received).extracting(PGNotification::getName).contains(CallbackHints.JOBS_DUE_CHANNEL);
            listen.execute("UNLISTEN *");
        }
    }
}
