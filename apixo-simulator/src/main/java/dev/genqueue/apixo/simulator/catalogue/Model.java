package dev.genqueue.apixo.simulator.catalogue;

import dev.genqueue.apixo.simulator.DurationRange;
import dev.genqueue.apixo.simulator.output.OutputKind;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * One APIXO model: its modes, input rules, price, typical processing time and the files it produces.
 *
 * @param id               the path segment, e.g. {@code nano-banana}
 * @param category         media kind
 * @param modes            accepted {@code input.mode} values
 * @param defaultMode      mode used when none is sent; null when {@code mode} is required
 * @param rules            field and cross-field rules, checked in order
 * @param price            USD charged at submit
 * @param duration         processing time (simulated) for a request
 * @param outputs          files a successful task produces
 * @param officialOnly     whether only {@code provider=official} is accepted (Sora 2 pages)
 * @param referencedModel  model whose finished task {@code input.taskId} must name; null when none
 */
public record Model(
        String id,
        Category category,
        List<String> modes,
        String defaultMode,
        List<Rule> rules,
        Function<ModelInput, BigDecimal> price,
        Function<ModelInput, DurationRange> duration,
        Function<ModelInput, List<OutputKind>> outputs,
        boolean officialOnly,
        String referencedModel) {

    public Model {
        modes = List.copyOf(modes);
        rules = List.copyOf(rules);
    }

    /** Starts a model definition. */
    public static Builder define(String id, Category category) {
        return new Builder(id, category);
    }

    /** Fluent definition of a {@link Model}. */
    public static final class Builder {
        private final String id;
        private final Category category;
        private final List<String> modes = new ArrayList<>();
        private String defaultMode;
        private final List<Rule> rules = new ArrayList<>();
        private Function<ModelInput, BigDecimal> price = request -> BigDecimal.ZERO;
        private Function<ModelInput, DurationRange> duration = request -> DurationRange.ofSeconds(10, 20);
        private Function<ModelInput, List<OutputKind>> outputs;
        private boolean officialOnly;
        private String referencedModel;

        private Builder(String id, Category category) {
            this.id = id;
            this.category = category;
            this.outputs = switch (category) {
                case IMAGE -> request -> List.of(Images.format(request, OutputKind.PNG));
                case VIDEO -> request -> List.of(OutputKind.MP4);
                case AUDIO -> request -> List.of(OutputKind.MP3);
            };
        }

        public Builder modes(String... values) {
            Collections.addAll(modes, values);
            return this;
        }

        public Builder defaultMode(String value) {
            defaultMode = value;
            return this;
        }

        public Builder rules(Rule... values) {
            Collections.addAll(rules, values);
            return this;
        }

        public Builder price(Function<ModelInput, BigDecimal> value) {
            price = value;
            return this;
        }

        public Builder fixedPrice(String usd) {
            BigDecimal amount = new BigDecimal(usd);
            price = request -> amount;
            return this;
        }

        public Builder seconds(long min, long max) {
            DurationRange range = DurationRange.ofSeconds(min, max);
            duration = request -> range;
            return this;
        }

        public Builder duration(Function<ModelInput, DurationRange> value) {
            duration = value;
            return this;
        }

        public Builder outputs(Function<ModelInput, List<OutputKind>> value) {
            outputs = value;
            return this;
        }

        public Builder officialOnly() {
            officialOnly = true;
            return this;
        }

        public Builder references(String modelId) {
            referencedModel = modelId;
            return this;
        }

        public Model build() {
            return new Model(id, category, modes, defaultMode, rules, price, duration, outputs, officialOnly,
                    referencedModel);
        }
    }
}
