package dev.genqueue.api.job.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.api.problem.ProblemException;
import dev.genqueue.common.contract.Json;
import dev.genqueue.common.validation.Violation;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    @Test
    void headerBecomesTheRequestIdWhenTheBodyHasNone() {
        ObjectNode body = body();
        assertThat(IdempotencyKey.resolve("key-1", body)).isEqualTo(IdempotencyKey.HEADER);
        assertThat(body.path("requestId").asText()).isEqualTo("key-1");
    }

    @Test
    void bodyRequestIdStandsAloneOrWithAnEqualHeader() {
        ObjectNode body = body().put("requestId", "key-2");
        assertThat(IdempotencyKey.resolve(null, body)).isEqualTo(IdempotencyKey.BODY);
        assertThat(IdempotencyKey.resolve("key-2", body)).isEqualTo(IdempotencyKey.BODY);
        assertThat(body.path("requestId").asText()).isEqualTo("key-2");
    }

    @Test
    void headerContradictingTheBodyIsRefusedNamingBoth() {
        assertThatThrownBy(() -> IdempotencyKey.resolve("key-a", body().put("requestId", "key-b")))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("requestId", "Idempotency-Key"));
    }

    @Test
    void keyIsGeneratedWhenNeitherIsGiven() {
        ObjectNode body = body();
        assertThat(IdempotencyKey.resolve(null, body)).isEqualTo(IdempotencyKey.GENERATED);
        assertThat(UUID.fromString(body.path("requestId").asText())).isNotNull();
    }

    @Test
    void violationsOfAHeaderKeyAreNamedAfterTheHeader() {
        Violation violation = new Violation("requestId", "must be 1-128 characters");
        assertThat(IdempotencyKey.HEADER.attribute(violation).field()).isEqualTo("Idempotency-Key");
        assertThat(IdempotencyKey.BODY.attribute(violation).field()).isEqualTo("requestId");
    }

    private static ObjectNode body() {
        return Json.mapper().createObjectNode().put("tenantId", "acme");
    }
}
