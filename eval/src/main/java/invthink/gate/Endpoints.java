package invthink.gate;

import invthink.avro.ModelVersion;
import invthink.openai.ChatClient;

/**
 * Where the gate reaches the model of a version: a checkpoint served in this process, a
 * deployment that names models by version id, or a scripted server in tests. The gate closes the
 * client after the evaluation, which is where an in-process server stops and frees the model.
 */
@FunctionalInterface
public interface Endpoints {

    /** A chat client for the model of {@code version}; throws when the model cannot be reached or loaded. */
    ChatClient open(ModelVersion version) throws Exception;
}
