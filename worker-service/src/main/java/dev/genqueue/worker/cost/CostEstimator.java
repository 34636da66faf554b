package dev.genqueue.worker.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.genqueue.common.catalogue.ModelCatalogue;
import dev.genqueue.common.catalogue.ModelSpec;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Estimates what APIXO charges for a task from the catalogue price ({@link ModelSpec#unitPriceUsd()}) and the
 * request's units: one per task, the requested image count, or the requested seconds of video. An estimate:
 * APIXO's own bill is authoritative (it may depend on resolution, sound or the images actually produced).
 */
public final class CostEstimator {

    private static final List<String> IMAGE_COUNT_FIELDS = List.of("num_images", "max_images", "nVariants",
            "numberOfImages", "n");
    private static final int DEFAULT_SECONDS = 5;

    private CostEstimator() {
    }

    /** The estimated cost in USD (4 decimals), empty when the catalogue has no price for the model. */
    public static Optional<BigDecimal> estimate(String model, JsonNode input) {
        Optional<ModelSpec> spec = ModelCatalogue.find(model);
        if (spec.isEmpty() || spec.get().unitPriceUsd().isEmpty()) {
            return Optional.empty();
        }
        int units = switch (spec.get().priceUnit()) {
            case TASK -> 1;
            case IMAGE -> firstPositive(input, IMAGE_COUNT_FIELDS).orElse(1);
            case SECOND -> firstPositive(input, List.of("duration")).orElse(DEFAULT_SECONDS);
        };
        return Optional.of(spec.get().unitPriceUsd().get().multiply(BigDecimal.valueOf(units))
                .setScale(4, RoundingMode.HALF_UP));
    }

    // integers may come as numbers or numeric strings ("10", older pages); anything else is ignored
    private static Optional<Integer> firstPositive(JsonNode input, List<String> fields) {
        for (String field : fields) {
            JsonNode value = input == null ? null : input.get(field);
            if (value == null) {
                continue;
            }
            String text = value.asText().trim();
            if (value.canConvertToInt() && value.isNumber() && value.asInt() > 0) {
                return Optional.of(value.asInt());
            }
            if (value.isTextual() && text.matches("[0-9]{1,4}") && Integer.parseInt(text) > 0) {
                return Optional.of(Integer.parseInt(text));
            }
        }
        return Optional.empty();
    }
}
