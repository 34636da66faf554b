package dev.genqueue.common.catalogue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One APIXO model as genqueue sees it: its id, media category, the polling profile of its type, the
 * {@code input.mode} values it accepts, how long a prompt may be, and a price estimate for cost tracking.
 *
 * @param id                  the APIXO model id used in the request path, e.g. {@code nano-banana}
 * @param category            the media it produces
 * @param profile             how its tasks are polled
 * @param modes               accepted {@code input.mode} values; the first is the default
 * @param promptMaxLength     longest prompt genqueue forwards (never above {@link ModelCatalogue#PROMPT_MAX_LENGTH})
 * @param promptOptionalModes modes in which a prompt may be omitted
 * @param unitPriceUsd        price per {@code priceUnit} in USD, empty when APIXO publishes none
 * @param priceUnit           what the price is counted in
 */
public record ModelSpec(
        String id,
        ModelCategory category,
        PollProfile profile,
        List<String> modes,
        int promptMaxLength,
        Set<String> promptOptionalModes,
        Optional<BigDecimal> unitPriceUsd,
        PriceUnit priceUnit) {

    /** What a model's price is counted in. */
    public enum PriceUnit {
        TASK,
        IMAGE,
        SECOND
    }

    public ModelSpec {
        modes = List.copyOf(modes);
        promptOptionalModes = Set.copyOf(promptOptionalModes);
        promptMaxLength = Math.min(promptMaxLength, ModelCatalogue.PROMPT_MAX_LENGTH);
    }

    /** Whether {@code mode} is one of this model's modes. */
    public boolean supportsMode(String mode) {
        return modes.contains(mode);
    }

    /** The mode used when a request names none. */
    public String defaultMode() {
        return modes.get(0);
    }
}
