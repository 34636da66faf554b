package dev.genqueue.common.catalogue;


import dev.genqueue.common.catalogue.ModelSpec.PriceUnit;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The APIXO models genqueue accepts (docs/apixo-api.md §10, prompt limits §11), keyed by model id. */
public final class ModelCatalogue {

    /** No prompt longer than this is forwarded, whatever a model would accept. */
    public static final int PROMPT_MAX_LENGTH = 5000;

    private static final List<String> IMAGE_MODES = List.of("text-to-image", "image-to-image");
    private static final List<String> VIDEO_MODES = List.of("text-to-video", "image-to-video");
    private static final List<String> SEEDANCE_MODES = List.of("text-to-video", "first_and_last_frames", "omni_reference");

    private static final Map<String, ModelSpec> MODELS = index(List.of(
            image("nano-banana", PollProfile.IMAGE_FAST, IMAGE_MODES, 5000, "0.03", PriceUnit.IMAGE),
            image("nano-banana-2", PollProfile.IMAGE_FAST, IMAGE_MODES, 20000, null, PriceUnit.IMAGE),
            image("nano-banana-pro", PollProfile.IMAGE_FAST, IMAGE_MODES, 5000, null, PriceUnit.IMAGE),
            image("grok-image", PollProfile.IMAGE_FAST, IMAGE_MODES, 5000, null, PriceUnit.IMAGE),
            image("flux-2", PollProfile.IMAGE_QUALITY,
                    List.of("pro-text-to-image", "pro-image-to-image", "flex-text-to-image", "flex-image-to-image"),
                    5000, "0.05", PriceUnit.IMAGE),
            new ModelSpec("midjourney", ModelCategory.IMAGE, PollProfile.IMAGE_QUALITY,
                    List.of("text-to-image", "image-to-image", "image-edit", "vary", "upscale", "reroll", "enhance"),
                    2000, Set.of("vary", "upscale", "reroll", "enhance"), price("0.10"), PriceUnit.TASK),
            image("gpt-image-1", PollProfile.IMAGE_QUALITY, List.of("gpt-image-1"), 10000, "0.035", PriceUnit.IMAGE),
            image("gpt-image-2", PollProfile.IMAGE_QUALITY, IMAGE_MODES, 20000, null, PriceUnit.IMAGE),
            image("seedream-4-0", PollProfile.IMAGE_QUALITY, IMAGE_MODES, 5000, null, PriceUnit.IMAGE),
            image("seedream-4-5", PollProfile.IMAGE_QUALITY, IMAGE_MODES, 5000, "0.04", PriceUnit.IMAGE),
            image("seedream-5-0", PollProfile.IMAGE_QUALITY, IMAGE_MODES, 5000, null, PriceUnit.IMAGE),
            video("sora-2", VIDEO_MODES, 10000, Set.of(), "0.15", PriceUnit.TASK),
            video("sora-2-pro", VIDEO_MODES, 5000, Set.of(), null, PriceUnit.TASK),
            video("veo-3-1", List.of("quality", "fast"), 10000, Set.of(), "0.20", PriceUnit.TASK),
            video("veo-3-1-extend", List.of("fast", "quality"), 10000, Set.of(), null, PriceUnit.TASK),
            video("kling-2-1",
                    List.of("standard-image-to-video", "pro-image-to-video", "master-text-to-video", "master-image-to-video"),
                    5000, Set.of(), null, PriceUnit.TASK),
            video("kling-2-5-turbo-pro", VIDEO_MODES, 2500, Set.of(), null, PriceUnit.TASK),
            video("kling-2-6", VIDEO_MODES, 1000, Set.of(), null, PriceUnit.TASK),
            video("kling-3-0-std", List.of("text-to-video", "image-to-video", "motion-control"), 5000,
                    Set.of("motion-control"), null, PriceUnit.TASK),
            video("wan-2-5", VIDEO_MODES, 800, Set.of(), "0.08", PriceUnit.SECOND),
            video("wan-2-5-video", VIDEO_MODES, 1500, Set.of("image-to-video"), null, PriceUnit.SECOND),
            video("seedance-2-0", SEEDANCE_MODES, 5000, Set.of(), null, PriceUnit.TASK),
            video("seedance-2-0-fast", SEEDANCE_MODES, 5000, Set.of(), null, PriceUnit.TASK),
            new ModelSpec("suno", ModelCategory.AUDIO, PollProfile.AUDIO,
                    List.of("V4_5PLUS", "V4", "V4_5", "V4_5ALL", "V5", "V5_5"), 5000, Set.of(), price("0.12"), PriceUnit.TASK)));

    private ModelCatalogue() {
    }

    /** The model with this id, if genqueue knows it. Ids are exact (lower case, hyphens). */
    public static Optional<ModelSpec> find(String modelId) {
        return Optional.ofNullable(modelId == null ? null : MODELS.get(modelId));
    }

    /** Every known model, in catalogue order. */
    public static Collection<ModelSpec> all() {
        return MODELS.values();
    }

    private static ModelSpec image(String id, PollProfile profile, List<String> modes, int promptMax, String price,
            PriceUnit unit) {
        return new ModelSpec(id, ModelCategory.IMAGE, profile, modes, promptMax, Set.of(), price(price), unit);
    }

    private static ModelSpec video(String id, List<String> modes, int promptMax, Set<String> promptOptional,
            String price, PriceUnit unit) {
        return new ModelSpec(id, ModelCategory.VIDEO, PollProfile.VIDEO, modes, promptMax, promptOptional, price(price),
                unit);
    }

    private static Optional<BigDecimal> price(String usd) {
        return Optional.ofNullable(usd).map(BigDecimal::new);
    }

    private static Map<String, ModelSpec> index(List<ModelSpec> specs) {
        Map<String, ModelSpec> byId = new LinkedHashMap<>();
        specs.forEach(spec -> byId.put(spec.id(), spec));
        return Collections.unmodifiableMap(byId);
    }
}
