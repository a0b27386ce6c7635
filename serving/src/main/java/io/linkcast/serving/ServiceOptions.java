package io.linkcast.serving;

import io.linkcast.model.engine.ModelLoaders;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that runs the service shares; they override the config file. */
final class ServiceOptions {
    @Option(names = "--config", paramLabel = "FILE", description = "properties file with service settings (see README)")
    Path configFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "override one config key (repeatable)")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "use this Kafka instead of starting the embedded broker")
    String bootstrapServers;

    @Option(names = "--http-port", paramLabel = "PORT", description = "HTTP API port (default 8080, 0 = any free port)")
    Integer httpPort;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where the stores (and the embedded broker) keep data")
    Path stateDir;

    @Option(names = "--model", paramLabel = "NAME=DIR|baseline",
            description = "model to serve: a trained artifact (nat=DIR, semba=DIR) or baseline; repeat to serve several "
                    + "as one (NAT's link probability with SEMBA's sign); default baseline")
    List<String> models = new ArrayList<>();

    @Option(names = "--batch", paramLabel = "N", description = "micro-batch size (default 256)")
    Integer batch;

    /** The {@code --model}s, inferring with {@code config}'s {@code model.backend}. */
    ServedModels loadModels(ServiceConfig config) {
        return ServedModels.load(models, ModelLoaders.discover().withBackend(config.modelBackend()));
    }

    ServiceConfig load() {
        Map<String, String> o = new LinkedHashMap<>(overrides);
        if (bootstrapServers != null) {
            o.put("bootstrap.servers", bootstrapServers);
        }
        if (httpPort != null) {
            o.put("http.port", httpPort.toString());
        }
        if (stateDir != null) {
            o.put("state.dir", stateDir.toString());
        }
        if (batch != null) {
            o.put("batch.max", batch.toString());
        }
        return ConfigLoader.load(configFile, o);
    }
}
