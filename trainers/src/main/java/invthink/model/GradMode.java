package invthink.model;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch is per thread and on by default; DJL turns it off only on the
 * thread that loads the engine. Inference and optimizer threads switch it off themselves, so
 * no graph is recorded (and no in-place update of a leaf weight is refused).
 */
public final class GradMode {

    private GradMode() {}

    public static void disable() {
        Engine.getEngine("PyTorch"); // loads the native library before the first JNI call
        JniUtils.setGradMode(false);
    }
}
