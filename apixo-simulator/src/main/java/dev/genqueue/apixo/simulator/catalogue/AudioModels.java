package dev.genqueue.apixo.simulator.catalogue;

import static dev.genqueue.apixo.simulator.catalogue.Field.bool;
import static dev.genqueue.apixo.simulator.catalogue.Field.choice;
import static dev.genqueue.apixo.simulator.catalogue.Field.number;
import static dev.genqueue.apixo.simulator.catalogue.Field.string;
import static dev.genqueue.apixo.simulator.catalogue.Field.text;

import dev.genqueue.apixo.simulator.output.OutputKind;
import java.util.List;

/** The audio model of docs/apixo-api.md §10 (Suno) with the conditional inputs of §11.4. */
final class AudioModels {

    private AudioModels() {
    }

    static List<Model> all() {
        return List.of(suno());
    }

    // Two tracks and one cover image per track (docs/apixo-api.md §4.2, §13.12): tracks first, then covers.
    private static Model suno() {
        return Model.define("suno", Category.AUDIO).modes("V4", "V4_5", "V4_5ALL", "V4_5PLUS", "V5", "V5_5")
                .seconds(120, 180).fixedPrice("0.12")
                .outputs(request -> List.of(OutputKind.MP3, OutputKind.MP3, OutputKind.PNG, OutputKind.PNG))
                .rules(bool("customMode"), bool("instrumental"), string("prompt"), string("style"),
                        text("title", 0, 80), choice("vocalGender", "m", "f"), string("negativeTags"),
                        number("styleWeight", 0, 1), number("weirdnessConstraint", 0, 1), number("audioWeight", 0, 1),
                        AudioModels::conditionalFields)
                .build();
    }

    private static String conditionalFields(ModelInput request) {
        boolean custom = request.field("customMode") != null && request.field("customMode").asBoolean(false);
        boolean instrumental = request.field("instrumental") != null && request.field("instrumental").asBoolean(false);
        boolean v4 = request.mode().equals("V4");
        if (!custom) {
            return text("prompt", 1, 500).required().check(request);
        }
        String error = text("style", 1, v4 ? 200 : 1000).required().check(request);
        if (error == null) {
            error = text("title", 1, 80).required().check(request);
        }
        if (error == null) {
            Field lyrics = text("prompt", 1, v4 ? 3000 : 5000);
            error = (instrumental ? lyrics : lyrics.required()).check(request);
        }
        return error;
    }
}
