package invthink.judge.offline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Accuracy, precision, recall, F1 at a threshold and AUROC of probabilistic predictions.
 *
 * <p>AUROC is the Mann-Whitney statistic (ties count one half): the probability that a random
 * harmful example scores above a random harmless one. It is threshold-free, so it shows whether
 * the classifier ranks well even when the 0.5 cut is off.
 */
public record BinaryMetrics(int n, int truePositives, int falsePositives, int trueNegatives, int falseNegatives, double auroc) {

    public static BinaryMetrics of(List<Double> probabilities, List<Boolean> labels, double threshold) {
        if (probabilities.size() != labels.size() || probabilities.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as predictions, and at least one");
        }
        int tp = 0;
        int fp = 0;
        int tn = 0;
        int fn = 0;
        for (int i = 0; i < labels.size(); i++) {
            boolean predicted = probabilities.get(i) >= threshold;
            boolean actual = labels.get(i);
            if (predicted && actual) {
                tp++;
            } else if (predicted) {
                fp++;
            } else if (actual) {
                fn++;
            } else {
                tn++;
            }
        }
        return new BinaryMetrics(labels.size(), tp, fp, tn, fn, auroc(probabilities, labels));
    }

    static double auroc(List<Double> probabilities, List<Boolean> labels) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(probabilities::get));
        double rankSumPositive = 0;
        long positives = 0;
        int i = 0;
        while (i < order.size()) {
            int j = i;
            while (j + 1 < order.size() && probabilities.get(order.get(j + 1)).equals(probabilities.get(order.get(i)))) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (labels.get(order.get(k))) {
                    rankSumPositive += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = labels.size() - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSumPositive - positives * (positives + 1) / 2.0) / (positives * (double) negatives);
    }

    public double accuracy() {
        return (truePositives + trueNegatives) / (double) n;
    }

    public double precision() {
        int predicted = truePositives + falsePositives;
        return predicted == 0 ? 0 : truePositives / (double) predicted;
    }

    public double recall() {
        int actual = truePositives + falseNegatives;
        return actual == 0 ? 0 : truePositives / (double) actual;
    }

    public double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
