package io.linkcast.serving;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Runs the service until Ctrl-C: stream application, HTTP API, and the embedded broker if no Kafka is given. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the stream application and the HTTP API until interrupted.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    ServiceOptions options = new ServiceOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ServiceConfig config = options.load();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch stopped = new CountDownLatch(1);
        LinkcastRuntime runtime = LinkcastRuntime.start(config, options.loadModels(config));
        Thread hook = new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "linkcast-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        out.printf("linkcast serving: kafka %s%s, topics %s -> %s (dead letters: %s), HTTP http://%s:%d%n",
                runtime.bootstrapServers(), config.embedded() ? " (embedded)" : "",
                config.topology().interactionsTopic(), config.topology().predictionsTopic(),
                config.topology().deadLetterTopic(), config.httpHost(), runtime.httpPort());
        out.println("model: " + runtime.service().model().info().version() + "; swap with POST /admin/models {\"name\": ...} (http.admin.token, models.dir)");
        out.println("Ctrl-C to stop.");
        out.flush();
        stopped.await();
        return 0;
    }
}
