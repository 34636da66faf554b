package dev.genqueue.apixo.simulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genqueue.apixo.simulator.catalogue.Model;
import dev.genqueue.apixo.simulator.catalogue.ModelInput;

/**
 * A submit body that passed validation.
 *
 * @param model       the model of the path
 * @param body        the whole body
 * @param input       the input with its effective mode and provider
 * @param callbackUrl webhook target for {@code request_type=callback}, else null
 */
record Submission(Model model, ObjectNode body, ModelInput input, String callbackUrl) {
}
