package invthink.judge.offline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Binary logistic regression over sparse vectors, trained by stochastic gradient descent with
 * L2 regularisation and class weights that balance the two labels (harmful examples are the
 * minority in any realistic set).
 *
 * <p>Small on purpose: a few hundred examples train in milliseconds, so the offline judge
 * trains itself from the bundled labelled set at start-up and needs no weights file; a fixed
 * seed makes training reproducible.
 */
public final class LogisticRegression {

    /** Training hyper-parameters. */
    public record Settings(int epochs, double learningRate, double l2, long seed) {
        public static Settings defaults() {
            return new Settings(40, 0.5, 1e-5, 17L);
        }
    }

    private final double[] weights;
    private double bias;

    private LogisticRegression(int dimension) {
        this.weights = new double[dimension];
    }

    public static LogisticRegression train(List<HashedFeatures.SparseVector> xs, List<Boolean> ys, int dimension, Settings settings) {
        if (xs.size() != ys.size() || xs.isEmpty()) {
            throw new IllegalArgumentException("need as many labels as examples, and at least one");
        }
        long positives = ys.stream().filter(b -> b).count();
        long negatives = ys.size() - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("need examples of both labels, got " + positives + " positive, " + negatives + " negative");
        }
        double positiveWeight = ys.size() / (2.0 * positives);
        double negativeWeight = ys.size() / (2.0 * negatives);
        LogisticRegression model = new LogisticRegression(dimension);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            order.add(i);
        }
        Random random = new Random(settings.seed());
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            Collections.shuffle(order, random);
            double rate = settings.learningRate() / (1 + epoch * 0.1);
            for (int i : order) {
                HashedFeatures.SparseVector x = xs.get(i);
                boolean y = ys.get(i);
                double gradient = (model.probability(x) - (y ? 1 : 0)) * (y ? positiveWeight : negativeWeight);
                int[] idx = x.indices();
                float[] val = x.values();
                for (int k = 0; k < idx.length; k++) {
                    double w = model.weights[idx[k]];
                    model.weights[idx[k]] = w - rate * (gradient * val[k] + settings.l2() * w);
                }
                model.bias -= rate * gradient;
            }
        }
        return model;
    }

    public double probability(HashedFeatures.SparseVector x) {
        double z = bias;
        int[] idx = x.indices();
        float[] val = x.values();
        for (int k = 0; k < idx.length; k++) {
            z += weights[idx[k]] * val[k];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
