package invthink.bench;

import invthink.cli.ConnectionOptions;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every benchmark that runs on a Kafka cluster shares: the connection options (an embedded
 * broker unless {@code --bootstrap-servers} is given), {@code --json}, and where it prints.
 */
abstract class ClusterBench implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--json", description = "Print one JSON object instead of a table.")
    boolean json;

    @Spec
    CommandSpec spec;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** A fresh topic prefix under the user's, so runs never share topics. */
    String scratchPrefix(String stage) {
        return connection.topics().prefix() + "bench." + stage + "." + System.currentTimeMillis() + ".";
    }
}
