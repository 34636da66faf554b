package dev.genqueue.api.callback;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genqueue.common.job.JobStatus;
import dev.genqueue.store.callback.CallbackPaths;
import dev.genqueue.store.callback.CallbackTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URL;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The attempt's webhook URL, the wait for an orphaned task's announcement, and the cap on stored callbacks. */
@QuarkusTest
class CallbackAttemptTest {

    @TestHTTPResource("/")
    URL base;

    @Inject
    CallbackJobs jobs;

    @Test
    void aCallbackOfTheCurrentAttemptIsStoredAndOneOfAnotherAttemptIsNot() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_at1", token);

        post(CallbackPaths.forAttempt(base.toString(), job, 2, token), CallbackWebhookTest.success("task_at1"));
        assertThat(jobs.row(job).callbackReceivedAt()).as("attempt 2 is not the job's attempt 1").isNull();

        post(CallbackPaths.forAttempt(base.toString(), job, 1, token), CallbackWebhookTest.success("task_at1"));
        assertThat(jobs.row(job).callbackReceivedAt()).isNotNull();
    }

    @Test
    void anOrphanedSubmitWaitingForItsTaskIsMadeDueWhenTheTaskAnnouncesItself() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTING, null, token);
        jobs.execute("UPDATE job SET adopt_until = now() + interval '10 minutes' WHERE id = '" + job + "'");
        CallbackJobs.Row before = jobs.row(job);

        post(CallbackPaths.forAttempt(base.toString(), job, 1, token), CallbackWebhookTest.success("task_orphan1"));

        CallbackJobs.Row after = jobs.row(job);
        assertThat(after.payload()).contains("task_orphan1");
        assertThat(after.nextRunAt()).isBefore(before.nextRunAt()).isBeforeOrEqualTo(jobs.now());
        assertThat(after.status()).isEqualTo(JobStatus.SUBMITTING);
        assertThat(after.version()).isEqualTo(before.version());
    }

    @Test
    void aSubmitInFlightKeepsItsScheduleWhenItsCallbackOvertakesTheAnswer() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.leased(JobStatus.SUBMITTING, null, token);
        CallbackJobs.Row before = jobs.row(job);

        post(CallbackPaths.forAttempt(base.toString(), job, 1, token), CallbackWebhookTest.success("task_fly1"));

        assertThat(jobs.row(job).payload()).contains("task_fly1");
        assertThat(jobs.row(job).nextRunAt()).isEqualTo(before.nextRunAt());
    }

    @Test
    void callbacksStoredPerAttemptAreCappedWhateverTheSenderPosts() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.SUBMITTING, null, token);
        String url = CallbackPaths.forAttempt(base.toString(), job, 1, token);

        for (int i = 1; i <= 30; i++) {
            // each a different task and so a new hint, as a hostile or buggy sender could post them
            post(url, CallbackWebhookTest.success("task_cap" + i));
        }

        assertThat(jobs.count("SELECT callback_count FROM job WHERE id = '" + job + "'")).isEqualTo(20);
        assertThat(jobs.row(job).payload()).as("the last stored hint is the 20th").contains("task_cap20")
                .doesNotContain("task_cap21");
    }

    @Test
    void aPollingJobIsNotMadeDueByItsCallbackOnceItsTaskIdIsKnown() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_poll1", token);
        jobs.execute("UPDATE job SET delivery = 'POLLING' WHERE id = '" + job + "'");
        CallbackJobs.Row before = jobs.row(job);

        post(CallbackPaths.forAttempt(base.toString(), job, 1, token), CallbackWebhookTest.success("task_poll1"));

        assertThat(jobs.row(job).nextRunAt()).isEqualTo(before.nextRunAt());
        assertThat(jobs.row(job).callbackReceivedAt()).isNull();
    }

    @Test
    void aMalformedAttemptIsNotACallback() {
        String token = CallbackTokens.newToken();
        UUID job = jobs.awaiting(JobStatus.PROCESSING, "task_bad1", token);
        for (String attempt : new String[] {"0", "01", "-1", "x", "99999999999"}) {
            int status = given().contentType(ContentType.JSON).body(CallbackWebhookTest.success("task_bad1"))
                    .post(base + "v1/callbacks/apixo/" + job + "/" + attempt + "/" + token).statusCode();
            assertThat(status).as(attempt).isEqualTo(200);
        }
        assertThat(jobs.row(job).callbackReceivedAt()).isNull();
    }

    private static void post(String url, String body) {
        assertThat(given().contentType(ContentType.JSON).body(body).post(url).statusCode()).isEqualTo(200);
    }
}
