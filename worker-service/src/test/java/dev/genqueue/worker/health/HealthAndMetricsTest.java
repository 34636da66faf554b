package dev.genqueue.worker.health;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import dev.genqueue.testing.SimulatorResource;
import dev.genqueue.worker.support.CallbackReceiverResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_worker_test"))
@QuarkusTestResource(SimulatorResource.class)
@QuarkusTestResource(CallbackReceiverResource.class)
class HealthAndMetricsTest {

    @Test
    void readinessCoversTheDatabaseAndKafkaAndLivenessTheDispatcher() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check",
                        "SmallRye Reactive Messaging - readiness check"));
        given().when().get("/q/health/live").then().statusCode(200)
                .body("checks.find { it.name == 'dispatcher' }.status", equalTo("UP"));
    }

    @Test
    void workerMetricsAreExportedWithoutTheApiKey() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("genqueue_worker_jobs_in_flight"))
                .body(containsString("genqueue_worker_jobs_claimed_total"))
                .body(containsString("genqueue_account_paused"))
                .body(containsString("genqueue_apixo_circuit_state"))
                .body(containsString("genqueue_worker_jobs_due_listening"))
                .body(not(containsString(SimulatorResource.API_KEY)));
    }
}
