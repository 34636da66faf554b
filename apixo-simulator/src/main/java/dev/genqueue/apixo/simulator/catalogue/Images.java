package dev.genqueue.apixo.simulator.catalogue;

import dev.genqueue.apixo.simulator.output.OutputKind;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/** Shared helpers for image models: output format, image counts and per-image prices. */
final class Images {

    static final String[] COMMON_RATIOS = {"1:1", "4:3", "3:4", "3:2", "2:3", "4:5", "5:4", "9:16", "16:9", "21:9", "auto"};

    private Images() {
    }

    /** PNG, or JPEG when {@code output_format} asks for it (fallback when absent). */
    static OutputKind format(ModelInput request, OutputKind fallback) {
        String format = request.lowerText("output_format", null);
        if (format == null) {
            return fallback;
        }
        return format.equals("jpeg") || format.equals("jpg") ? OutputKind.JPEG : OutputKind.PNG;
    }

    /** {@code count} images in the requested format. */
    static Function<ModelInput, List<OutputKind>> images(Function<ModelInput, Integer> count, OutputKind fallback) {
        return request -> Collections.nCopies(count.apply(request), format(request, fallback));
    }

    /** Price per produced image. */
    static Function<ModelInput, BigDecimal> perImage(String usd, Function<ModelInput, Integer> count) {
        BigDecimal unit = new BigDecimal(usd);
        return request -> unit.multiply(BigDecimal.valueOf(count.apply(request)));
    }
}
