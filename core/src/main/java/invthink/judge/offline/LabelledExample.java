package invthink.judge.offline;

import invthink.avro.HazardCategory;
import invthink.avro.Refusal;
import java.util.List;

/**
 * One labelled exchange of the project's own judge set.
 *
 * @param split "train" or "test"; the test split holds whole topics out, so its score measures
 *              generalisation to harms the classifier never saw, not recall of seen sentences
 */
public record LabelledExample(String prompt, String response, boolean harmful, int harmfulness, List<HazardCategory> categories,
                              Refusal refusal, boolean promptHarmful, String domain, String split) {

    public static final String TRAIN = "train";
    public static final String TEST = "test";

    public LabelledExample {
        categories = List.copyOf(categories);
    }
}
