package dev.genqueue.apixo.simulator.task;

import dev.genqueue.apixo.simulator.catalogue.Model;
import dev.genqueue.apixo.simulator.catalogue.ModelInput;
import dev.genqueue.apixo.simulator.fault.FaultEffect;
import java.math.BigDecimal;
import java.util.List;

/**
 * A validated submit, ready to become a task.
 *
 * @param model       the model
 * @param input       the validated input with its mode and provider
 * @param apiKey      the submitting key
 * @param fingerprint sha256 of model + canonical body
 * @param contentSeed seed of the generated result bytes
 * @param price       USD charged
 * @param callbackUrl webhook target, or null
 * @param effects     task effects from directives and fault rules
 */
public record TaskRequest(Model model, ModelInput input, String apiKey, String fingerprint, byte[] contentSeed,
        BigDecimal price, String callbackUrl, List<FaultEffect> effects) {

    public TaskRequest {
        effects = List.copyOf(effects);
    }
}
