package dev.genqueue.worker.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points the worker's callback URLs at the {@link CallbackReceiver} of this test JVM. */
public class CallbackReceiverResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("genqueue.callback.public-base-url", CallbackReceiver.start());
    }

    @Override
    public void stop() {
        // shared by the whole test JVM
    }
}
