package dev.genqueue.api;

import dev.genqueue.testing.KafkaBrokerResource;
import dev.genqueue.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * The real infrastructure of every {@code @QuarkusTest} in this module, declared once so the application
 * boots once: the in-JVM Kafka broker and the PostgreSQL database {@code genqueue_api_test}.
 */
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(value = PostgresResource.class,
        initArgs = @ResourceArg(name = "database", value = "genqueue_api_test"))
public final class ApiTestResources {

    private ApiTestResources() {
    }
}
