package io.linkcast.model.nat;

import ai.djl.Device;
import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.ModelLoader;
import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads NAT artifacts (a folder with {@code nat.params} and {@code config.json}) for eval and serving. */
public final class NatModelLoader implements ModelLoader {

    @Override
    public String name() {
        return NatModel.NAME;
    }

    @Override
    public boolean canLoad(Path artifactDir) {
        return Files.isRegularFile(artifactDir.resolve(NatArtifact.PARAMETERS))
                && Files.isRegularFile(artifactDir.resolve(NatArtifact.CONFIG));
    }

    @Override
    public StreamModel<?> load(Path artifactDir, InferenceBackend backend, StatePrecision precision)
            throws IOException {
        return NatArtifact.loadModel(artifactDir, Device.cpu(), backend, precision);
    }
}
