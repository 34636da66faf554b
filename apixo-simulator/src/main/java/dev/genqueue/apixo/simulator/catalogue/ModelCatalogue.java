package dev.genqueue.apixo.simulator.catalogue;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Every model the simulator serves, by exact lower-case id (docs/apixo-api.md §10, §13.19). */
public final class ModelCatalogue {

    private static final Map<String, Model> MODELS = index();

    private ModelCatalogue() {
    }

    /** The model with this id. */
    public static Optional<Model> find(String id) {
        return Optional.ofNullable(id == null ? null : MODELS.get(id));
    }

    /** All models in catalogue order. */
    public static Collection<Model> all() {
        return MODELS.values();
    }

    private static Map<String, Model> index() {
        Map<String, Model> byId = new LinkedHashMap<>();
        Stream.of(ImageModels.all(), VideoModels.all(), AudioModels.all())
                .flatMap(Collection::stream)
                .forEach(model -> byId.put(model.id(), model));
        return Collections.unmodifiableMap(byId);
    }
}
