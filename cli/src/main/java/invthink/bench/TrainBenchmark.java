package invthink.bench;

import ai.djl.Device;
import invthink.chat.EncodedExample;
import invthink.generate.Completion;
import invthink.generate.Generator;
import invthink.generate.SamplingParams;
import invthink.model.CausalLm;
import invthink.model.ModelConfig;
import invthink.sft.AdamW;
import invthink.sft.LearningRateSchedule;
import invthink.sft.PackedBatch;
import invthink.sft.SftLearner;
import invthink.sft.StepResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * SFT and generation throughput of one model shape with random weights and random tokens:
 * optimizer steps (forward, backward, clipping, AdamW) over packed rows, then greedy
 * generation of a fixed number of new tokens with and without the key/value cache.
 */
final class TrainBenchmark {

    /** What one configuration achieved. */
    record Result(String config, long params, int seqLen, int batch, double sftTokensPerSecond,
                  double genTokensPerSecondCache, double genTokensPerSecondNoCache, int newTokens) {

        /** 6·N FLOPs per trained token (forward and backward), the usual estimate. */
        double sftFlopsPerSecond() {
            return 6.0 * params * sftTokensPerSecond;
        }

        double cacheSpeedup() {
            return genTokensPerSecondNoCache > 0 ? genTokensPerSecondCache / genTokensPerSecondNoCache : Double.NaN;
        }
    }

    private final Device device;

    TrainBenchmark(Device device) {
        this.device = device;
    }

    Result run(String name, int vocab, int seqLen, int batch, int steps, int newTokens, boolean noCache) {
        ModelConfig config = ModelConfig.named(name, vocab);
        try (CausalLm model = CausalLm.random(config, device, 7)) {
            Random random = new Random(1);
            List<EncodedExample> examples = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                int[] ids = random.ints(seqLen, 0, vocab).toArray();
                boolean[] mask = new boolean[seqLen];
                Arrays.fill(mask, seqLen / 4, seqLen, true);
                examples.add(new EncodedExample(ids, mask, false));
            }
            double sft;
            try (AdamW optimizer = AdamW.defaults(model.weights(), model.manager())) {
                SftLearner learner = new SftLearner(model, optimizer, new LearningRateSchedule(1e-4, 0, steps + 1), 1.0);
                PackedBatch micro = PackedBatch.of(examples, seqLen, false);
                learner.step(List.of(micro)); // warm-up: first calls allocate gradients and kernels
                long tokens = 0;
                double seconds = 0;
                for (int s = 0; s < steps; s++) {
                    StepResult r = learner.step(List.of(micro));
                    tokens += r.tokens();
                    seconds += r.seconds();
                }
                sft = tokens / seconds;
                model.requireGradients(false);
            }
            Generator generator = new Generator(model, null);
            List<int[]> prompt = List.of(random.ints(16, 0, vocab).toArray());
            generator.generate(prompt, SamplingParams.greedy(8), true); // warm-up
            double cached = generationRate(generator, prompt, newTokens, true);
            double plain = noCache ? generationRate(generator, prompt, newTokens, false) : 0;
            return new Result(name, config.parameterCount(), seqLen, batch, sft, cached, plain, newTokens);
        }
    }

    private static double generationRate(Generator g, List<int[]> prompt, int newTokens, boolean cache) {
        long start = System.nanoTime();
        List<Completion> out = g.generate(prompt, SamplingParams.greedy(newTokens), cache);
        double seconds = (System.nanoTime() - start) / 1e9;
        return out.get(0).tokenIds().length / seconds;
    }
}
