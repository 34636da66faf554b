package dev.genqueue.apixo.simulator.catalogue;

import static dev.genqueue.apixo.simulator.catalogue.Field.bool;
import static dev.genqueue.apixo.simulator.catalogue.Field.choice;
import static dev.genqueue.apixo.simulator.catalogue.Field.integer;
import static dev.genqueue.apixo.simulator.catalogue.Field.integerOf;
import static dev.genqueue.apixo.simulator.catalogue.Field.number;
import static dev.genqueue.apixo.simulator.catalogue.Field.string;
import static dev.genqueue.apixo.simulator.catalogue.Field.text;
import static dev.genqueue.apixo.simulator.catalogue.Field.urls;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The video models of docs/apixo-api.md §10 with the inputs of §11.3. */
final class VideoModels {

    private static final String T2V = "text-to-video";
    private static final String I2V = "image-to-video";
    private static final String[] RATIOS = {"16:9", "9:16", "1:1"};

    private VideoModels() {
    }

    static List<Model> all() {
        return List.of(sora2(), sora2Pro(), veo31(), veo31Extend(), kling21(), kling25TurboPro(), kling26(),
                kling30Std(), wan25(), wan25Video(), seedance("seedance-2-0", false), seedance("seedance-2-0-fast", true));
    }

    private static Model sora2() {
        return Model.define("sora-2", Category.VIDEO).modes(T2V, I2V).officialOnly().seconds(120, 300)
                .fixedPrice("0.15")
                .rules(text("prompt", 1, 10000).required(), urls("image_urls", 0, 1).countIn(I2V, 1, 1),
                        choice("aspect_ratio", "landscape", "portrait"), integerOf("duration", 4, 8, 12),
                        bool("remove_watermark"))
                .build();
    }

    private static Model sora2Pro() {
        return Model.define("sora-2-pro", Category.VIDEO).modes(T2V, I2V).officialOnly().seconds(180, 420)
                .fixedPrice("0.50")
                .rules(text("prompt", 1, 5000).required(), integerOf("duration", 4, 8, 12).required(),
                        choice("size", "720*1280", "1280*720", "1024*1792", "1792*1024").requiredIn(T2V).onlyIn(T2V),
                        choice("resolution", "720p", "1080p").ignoreCase().requiredIn(I2V).onlyIn(I2V),
                        urls("image_urls", 0, 1).countIn(I2V, 1, 1))
                .build();
    }

    private static Model veo31() {
        return Model.define("veo-3-1", Category.VIDEO).modes("quality", "fast").defaultMode("quality")
                .seconds(100, 140).price(VideoModels::veoPrice)
                .rules(text("prompt", 1, 10000).required(),
                        choice("generationType", "TEXT_2_VIDEO", "FIRST_AND_LAST_FRAMES_2_VIDEO", "REFERENCE_2_VIDEO"),
                        urls("image_urls", 0, 3), choice("aspect_ratio", "16:9", "9:16", "auto"),
                        integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE), string("watermark"),
                        bool("enableTranslation"), VideoModels::veoReferences)
                .build();
    }

    private static String veoReferences(ModelInput request) {
        String type = request.field("generationType") == null ? "TEXT_2_VIDEO" : request.field("generationType").asText();
        int images = request.count("image_urls");
        return switch (type) {
            case "FIRST_AND_LAST_FRAMES_2_VIDEO" -> images >= 1 && images <= 2 ? null
                    : "input.image_urls must contain 1 or 2 items for FIRST_AND_LAST_FRAMES_2_VIDEO";
            case "REFERENCE_2_VIDEO" -> {
                if (images < 1 || images > 3) {
                    yield "input.image_urls must contain between 1 and 3 items for REFERENCE_2_VIDEO";
                }
                boolean allowed = request.mode().equals("fast")
                        && request.lowerText("aspect_ratio", "16:9").equals("16:9");
                yield allowed ? null : "REFERENCE_2_VIDEO requires mode fast and aspect_ratio 16:9";
            }
            default -> images == 0 ? null : "input.image_urls must be empty for TEXT_2_VIDEO";
        };
    }

    private static BigDecimal veoPrice(ModelInput request) {
        return new BigDecimal(request.mode().equals("fast") ? "0.20" : "1.50");
    }

    private static Model veo31Extend() {
        return Model.define("veo-3-1-extend", Category.VIDEO).modes("fast", "quality").defaultMode("fast")
                .references("veo-3-1").seconds(100, 140).price(VideoModels::veoPrice)
                .rules(string("taskId").required(), text("prompt", 1, 10000).required())
                .build();
    }

    private static Model kling21() {
        String standard = "standard-image-to-video";
        String pro = "pro-image-to-video";
        String masterText = "master-text-to-video";
        String masterImage = "master-image-to-video";
        Map<String, String> perFiveSeconds = Map.of(standard, "0.25", pro, "0.45", masterText, "1.10", masterImage, "1.10");
        return Model.define("kling-2-1", Category.VIDEO).modes(standard, pro, masterText, masterImage)
                .defaultMode(standard).seconds(60, 180)
                .price(request -> perFiveSeconds(perFiveSeconds.get(request.mode()), request))
                .rules(text("prompt", 1, 5000).required(), integerOf("duration", 5, 10),
                        urls("image_urls", 0, 2).countIn(standard, 1, 1).countIn(pro, 1, 2).countIn(masterText, 0, 0)
                                .countIn(masterImage, 1, 1),
                        choice("aspect_ratio", RATIOS).onlyIn(masterText), text("negative_prompt", 0, 500),
                        number("cfg_scale", 0, 1))
                .build();
    }

    private static Model kling25TurboPro() {
        return Model.define("kling-2-5-turbo-pro", Category.VIDEO).modes(T2V, I2V).defaultMode(T2V).seconds(60, 150)
                .price(request -> perFiveSeconds("0.21", request))
                .rules(text("prompt", 1, 2500).required(), integerOf("duration", 5, 10),
                        urls("image_urls", 0, 2).countIn(I2V, 1, 2).countIn(T2V, 0, 0),
                        choice("aspect_ratio", RATIOS).onlyIn(T2V), text("negative_prompt", 0, 2500),
                        number("cfg_scale", 0, 1))
                .build();
    }

    private static Model kling26() {
        return Model.define("kling-2-6", Category.VIDEO).modes(T2V, I2V).seconds(60, 180)
                .price(request -> perFiveSeconds(isTrue(request, "sound") ? "0.55" : "0.28", request))
                .rules(text("prompt", 1, 1000).required(), urls("image_urls", 0, 2).countIn(I2V, 1, 2),
                        choice("aspect_ratio", "1:1", "9:16", "16:9").onlyIn(T2V), integerOf("duration", 5, 10),
                        bool("sound").required())
                .build();
    }

    private static Model kling30Std() {
        String motion = "motion-control";
        return Model.define("kling-3-0-std", Category.VIDEO).modes(T2V, I2V, motion).seconds(60, 180)
                .price(request -> perSecond("0.07", request.mode().equals(motion) ? 10 : request.integer("duration", 5)))
                .rules(text("prompt", 1, 5000).requiredIn(T2V, I2V),
                        urls("image_urls", 0, 2).countIn(I2V, 1, 2).countIn(motion, 1, 1),
                        urls("video_urls", 0, 1).countIn(motion, 1, 1).onlyIn(motion),
                        integer("duration", 3, 15).onlyIn(T2V, I2V), choice("aspect_ratio", RATIOS).onlyIn(T2V),
                        bool("sound"))
                .build();
    }

    private static Model wan25() {
        return Model.define("wan-2-5", Category.VIDEO).modes(T2V, I2V).defaultMode(T2V).seconds(100, 250)
                .price(request -> perSecond(request.lowerText("resolution", "720p").equals("1080p") ? "0.13" : "0.08",
                        request.integer("duration", 5)))
                .rules(text("prompt", 1, 800).required(), urls("image_urls", 0, 1).countIn(I2V, 1, 1),
                        choice("resolution", "720p", "1080p").ignoreCase(), integerOf("duration", 5, 10),
                        choice("aspect_ratio", RATIOS).onlyIn(T2V), text("negative_prompt", 0, 500),
                        bool("enable_prompt_expansion"), integer("seed", Integer.MIN_VALUE, Integer.MAX_VALUE))
                .build();
    }

    private static Model wan25Video() {
        Map<String, String> perSecond = Map.of("480p", "0.05", "720p", "0.08", "1080p", "0.13");
        return Model.define("wan-2-5-video", Category.VIDEO).modes(T2V, I2V).seconds(100, 250)
                .price(request -> perSecond(perSecond.getOrDefault(request.lowerText("resolution", "720p"), "0.08"),
                        request.integer("duration", 5)))
                .rules(text("prompt", 1, 1500).requiredIn(T2V), text("negative_prompt", 0, 500),
                        urls("image_urls", 0, 1).countIn(I2V, 1, 1), urls("audio_urls", 0, 1),
                        choice("resolution", "480p", "720p", "1080p").ignoreCase(), integerOf("duration", 5, 10),
                        choice("aspect_ratio", "16:9", "9:16", "1:1", "4:3", "3:4").onlyIn(T2V),
                        request -> request.lowerText("resolution", "720p").equals("480p")
                                && List.of("4:3", "3:4").contains(request.lowerText("aspect_ratio", ""))
                                ? "input.aspect_ratio 4:3 and 3:4 need resolution 720p or 1080p" : null)
                .build();
    }

    private static Model seedance(String id, boolean fast) {
        String frames = "first_and_last_frames";
        String omni = "omni_reference";
        Field resolution = fast ? choice("resolution", "480p", "720p").ignoreCase()
                : choice("resolution", "480p", "720p", "1080p").ignoreCase();
        Function<ModelInput, BigDecimal> price = request -> {
            boolean videoReferences = request.count("video_urls") > 0;
            String rate = fast ? (videoReferences ? "0.08" : "0.05") : (videoReferences ? "0.12" : "0.08");
            return perSecond(rate, request.integer("duration", 5));
        };
        return Model.define(id, Category.VIDEO).modes(T2V, frames, omni).defaultMode(T2V)
                .seconds(fast ? 30 : 60, fast ? 90 : 180).price(price)
                .rules(text("prompt", 1, 10000).required(), resolution, integer("duration", 4, 15),
                        choice("aspect_ratio", "auto", "16:9", "4:3", "1:1", "3:4", "9:16", "21:9"), bool("sound"),
                        bool("web_search"),
                        urls("image_urls", 0, 9).countIn(T2V, 0, 0).countIn(frames, 1, 2).countIn(omni, 0, 9),
                        urls("video_urls", 0, 3).countIn(T2V, 0, 0).countIn(frames, 0, 0),
                        urls("audio_urls", 0, 3).countIn(T2V, 0, 0).countIn(frames, 0, 0),
                        request -> request.mode().equals(omni) && request.count("audio_urls") > 0
                                && request.count("image_urls") + request.count("video_urls") == 0
                                ? "omni_reference needs an image or video reference besides audio" : null)
                .build();
    }

    private static boolean isTrue(ModelInput request, String field) {
        return request.field(field) != null && request.field(field).asBoolean(false);
    }

    private static BigDecimal perFiveSeconds(String usd, ModelInput request) {
        return new BigDecimal(usd).multiply(BigDecimal.valueOf(request.integer("duration", 5) / 5));
    }

    private static BigDecimal perSecond(String usd, int seconds) {
        return new BigDecimal(usd).multiply(BigDecimal.valueOf(seconds));
    }
}
