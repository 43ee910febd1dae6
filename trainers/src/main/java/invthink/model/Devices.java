package invthink.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import java.util.Locale;

/**
 * {@code cpu} or {@code gpu}, checked: asking for a GPU where PyTorch sees none is an error,
 * never a silent CPU run. {@link #describe} says which libtorch (and so which flavour:
 * cpu, cu124, ...) was actually loaded.
 */
public final class Devices {

    private Devices() {}

    public static Device resolve(String name) {
        Engine engine = Engine.getEngine("PyTorch");
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "cpu" -> Device.cpu();
            case "gpu", "cuda" -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException("--device gpu, but PyTorch sees no GPU (libtorch at "
                            + LibUtils.getLibtorchPath() + "); set PYTORCH_LIBRARY_PATH and PYTORCH_FLAVOR to a CUDA "
                            + "libtorch 2.7.1, or build with -Dgpu so DJL downloads the CUDA natives");
                }
                yield Device.gpu();
            }
            default -> throw new IllegalArgumentException("unknown device " + name + " (cpu or gpu)");
        };
    }

    /** Engine, version, libtorch location and GPU count, for the log. */
    public static String describe(Device device) {
        Engine engine = Engine.getEngine("PyTorch");
        return "device " + device + ", engine PyTorch " + engine.getVersion() + ", libtorch " + LibUtils.getLibtorchPath()
                + ", GPUs visible " + engine.getGpuCount();
    }
}
