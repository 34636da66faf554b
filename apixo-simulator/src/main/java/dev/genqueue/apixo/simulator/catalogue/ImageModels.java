package dev.genqueue.apixo.simulator.catalogue;

import static dev.genqueue.apixo.simulator.catalogue.Field.bool;
import static dev.genqueue.apixo.simulator.catalogue.Field.choice;
import static dev.genqueue.apixo.simulator.catalogue.Field.integer;
import static dev.genqueue.apixo.simulator.catalogue.Field.integerOf;
import static dev.genqueue.apixo.simulator.catalogue.Field.string;
import static dev.genqueue.apixo.simulator.catalogue.Field.text;
import static dev.genqueue.apixo.simulator.catalogue.Field.urls;
import static dev.genqueue.apixo.simulator.catalogue.Images.COMMON_RATIOS;
import static dev.genqueue.apixo.simulator.catalogue.Images.images;
import static dev.genqueue.apixo.simulator.catalogue.Images.perImage;

import dev.genqueue.apixo.simulator.DurationRange;
import dev.genqueue.apixo.simulator.output.OutputKind;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** The image models of docs/apixo-api.md §10 with the inputs of §11.2. */
final class ImageModels {

    private static final String T2I = "text-to-image";
    private static final String I2I = "image-to-image";
    private static final Set<String> MJ_SINGLE_OUTPUT = Set.of("upscale", "enhance");

    private ImageModels() {
    }

    static List<Model> all() {
        return List.of(nanoBanana(), nanoBanana2(), nanoBananaPro(), flux2(), midjourney(), gptImage1(), gptImage2(),
                grokImage(), seedream("seedream-4-0", 10, "0.03"), seedream45(), seedream50());
    }

    private static Model nanoBanana() {
        return Model.define("nano-banana", Category.IMAGE).modes(T2I, I2I).seconds(10, 15).fixedPrice("0.03")
                .rules(text("prompt", 1, 5000).required(), urls("image_urls", 0, 5).countIn(I2I, 1, 5),
                        choice("aspect_ratio", COMMON_RATIOS), choice("output_format", "png", "jpeg").ignoreCase())
                .build();
    }

    private static Model nanoBanana2() {
        return Model.define("nano-banana-2", Category.IMAGE).modes(T2I, I2I).seconds(10, 20).fixedPrice("0.04")
                .rules(text("prompt", 1, 20000).required(), urls("image_urls", 0, 14).countIn(I2I, 1, 14),
                        choice("aspect_ratio", "auto", "1:1", "1:4", "4:1", "1:8", "8:1", "3:2", "2:3", "3:4", "4:3",
                                "4:5", "5:4", "9:16", "16:9", "21:9").required(),
                        choice("resolution", "1k", "2k", "4k").ignoreCase().required(),
                        choice("output_format", "png", "jpeg", "jpg").ignoreCase(), bool("google_search"))
                .build();
    }

    // Only third-party material names this id: generic image rules, a mid-range price and time.
    private static Model nanoBananaPro() {
        return Model.define("nano-banana-pro", Category.IMAGE).modes(T2I, I2I).seconds(15, 30).fixedPrice("0.12")
                .rules(text("prompt", 1, 5000).required(), urls("image_urls", 0, 8).countIn(I2I, 1, 8),
                        choice("aspect_ratio", COMMON_RATIOS), choice("resolution", "1k", "2k", "4k").ignoreCase(),
                        choice("output_format", "png", "jpeg", "jpg").ignoreCase())
                .build();
    }

    private static Model flux2() {
        String proT2i = "pro-text-to-image";
        String proI2i = "pro-image-to-image";
        String flexI2i = "flex-image-to-image";
        return Model.define("flux-2", Category.IMAGE)
                .modes(proT2i, proI2i, "flex-text-to-image", flexI2i).defaultMode(proT2i).seconds(20, 30)
                .price(request -> {
                    boolean twoK = request.lowerText("resolution", "1k").equals("2k");
                    if (request.mode().startsWith("pro-")) {
                        return new BigDecimal(twoK ? "0.07" : "0.05");
                    }
                    return new BigDecimal(twoK ? "0.13" : "0.10");
                })
                .rules(text("prompt", 3, 5000).required(),
                        urls("image_urls", 0, 8).countIn(proI2i, 1, 8).countIn(flexI2i, 1, 8),
                        choice("aspect_ratio", "1:1", "4:3", "3:4", "3:2", "2:3", "16:9", "9:16", "auto"),
                        choice("resolution", "1K", "2K").ignoreCase())
                .build();
    }

    private static Model midjourney() {
        Function<ModelInput, Integer> count = request -> MJ_SINGLE_OUTPUT.contains(request.mode()) ? 1 : 4;
        return Model.define("midjourney", Category.IMAGE)
                .modes(T2I, I2I, "image-edit", "vary", "upscale", "reroll", "enhance").references("midjourney")
                .duration(request -> switch (speed(request)) {
                    case "turbo" -> DurationRange.ofSeconds(25, 35);
                    case "draft" -> DurationRange.ofSeconds(15, 25);
                    default -> DurationRange.ofSeconds(50, 70);
                })
                .price(request -> {
                    boolean stable = "official".equals(request.provider());
                    String unit = switch (speed(request)) {
                        case "turbo" -> stable ? "0.25" : "0.20";
                        case "draft" -> stable ? "0.08" : "0.05";
                        default -> stable ? "0.15" : "0.10";
                    };
                    return new BigDecimal(unit);
                })
                .outputs(images(count, OutputKind.PNG))
                .rules(text("prompt", 1, 2000).requiredIn(T2I, I2I, "image-edit"),
                        urls("image_urls", 0, 20).countIn(I2I, 1, 20).countIn("image-edit", 1, 1),
                        choice("aspect_ratio", "1:1", "1:2", "2:1", "2:3", "3:2", "3:4", "4:3", "5:6", "6:5", "9:16",
                                "16:9"),
                        choice("speed", "fast", "turbo", "draft", "relaxed"), string("version"),
                        integer("stylization", 0, 1000), integer("variety", 0, 100), integer("weirdness", 0, 3000),
                        string("taskId").requiredIn("vary", "upscale", "reroll", "enhance"),
                        integer("imageIndex", 0, 4).requiredIn("vary", "upscale", "enhance"),
                        request -> "draft".equals(speed(request)) && !Set.of(T2I, I2I).contains(request.mode())
                                ? "input.speed draft is only available for text-to-image and image-to-image" : null)
                .build();
    }

    private static String speed(ModelInput request) {
        String speed = request.lowerText("speed", "fast");
        return speed.equals("relaxed") ? "fast" : speed;
    }

    private static Model gptImage1() {
        Function<ModelInput, Integer> count = request -> request.integer("num_images", 1);
        return Model.define("gpt-image-1", Category.IMAGE).modes("gpt-image-1").defaultMode("gpt-image-1")
                .seconds(40, 70).price(perImage("0.035", count)).outputs(images(count, OutputKind.PNG))
                .rules(text("prompt", 1, 10000).required(), urls("image_urls", 0, 5),
                        choice("aspect_ratio", "1:1", "2:3", "3:2"), integerOf("num_images", 1, 2, 4),
                        bool("isEnhance"))
                .build();
    }

    private static Model gptImage2() {
        return Model.define("gpt-image-2", Category.IMAGE).modes(T2I, I2I).seconds(40, 70).fixedPrice("0.05")
                .rules(text("prompt", 1, 20000).required(), urls("image_urls", 0, 16).countIn(I2I, 1, 16),
                        choice("aspect_ratio", "auto", "1:1", "4:3", "3:4", "16:9", "9:16"),
                        choice("resolution", "1k", "2k", "4k").ignoreCase(), string("quality"))
                .build();
    }

    private static Model grokImage() {
        return Model.define("grok-image", Category.IMAGE).modes(T2I, I2I).seconds(10, 20).fixedPrice("0.03")
                .rules(text("prompt", 1, 5000).required(), urls("image_urls", 0, 1).countIn(I2I, 1, 1),
                        choice("aspect_ratio", "1:1", "3:2", "2:3").onlyIn(T2I))
                .build();
    }

    private static Model seedream45() {
        Function<ModelInput, Integer> count = request -> request.integer("max_images", 1);
        return Model.define("seedream-4-5", Category.IMAGE).modes(T2I, I2I).defaultMode(T2I).seconds(20, 50)
                .price(perImage("0.04", count)).outputs(images(count, OutputKind.PNG))
                .rules(text("prompt", 1, 5000).required(), urls("image_urls", 0, 10).countIn(I2I, 1, 10),
                        integer("max_images", 1, 10), choice("resolution", "2K", "4K").ignoreCase(),
                        choice("aspect_ratio", COMMON_RATIOS), choice("sequential_image_generation", "disabled", "auto"))
                .build();
    }

    private static Model seedream50() {
        Function<ModelInput, Integer> count = request -> request.integer("max_images", 1);
        return Model.define("seedream-5-0", Category.IMAGE).modes(T2I, I2I).defaultMode(T2I).seconds(20, 50)
                .price(perImage("0.04", count)).outputs(images(count, OutputKind.JPEG))
                .rules(text("prompt", 1, 5000).required(), integer("max_images", 1, 10),
                        urls("image_urls", 0, 14).countIn(I2I, 1, 14), choice("resolution", "2K", "3K").ignoreCase(),
                        choice("aspect_ratio", "1:1", "2:3", "3:2", "4:3", "3:4", "9:16", "16:9", "21:9"),
                        choice("sequential_image_generation", "disabled", "auto"), bool("web_search"),
                        choice("output_format", "jpeg", "png").ignoreCase())
                .build();
    }

    // Only third-party material names seedream-4-0: the Seedream 4.5 shape at a lower price.
    private static Model seedream(String id, int maxReferences, String unitPrice) {
        Function<ModelInput, Integer> count = request -> request.integer("max_images", 1);
        return Model.define(id, Category.IMAGE).modes(T2I, I2I).defaultMode(T2I).seconds(20, 50)
                .price(perImage(unitPrice, count)).outputs(request -> Collections.nCopies(count.apply(request),
                        Images.format(request, OutputKind.PNG)))
                .rules(text("prompt", 1, 5000).required(),
                        urls("image_urls", 0, maxReferences).countIn(I2I, 1, maxReferences),
                        integer("max_images", 1, 10), choice("aspect_ratio", COMMON_RATIOS))
                .build();
    }
}
