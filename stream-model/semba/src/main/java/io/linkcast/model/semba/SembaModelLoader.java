package io.linkcast.model.semba;

import io.linkcast.model.engine.InferenceBackend;
import io.linkcast.model.engine.StreamModel;
import io.linkcast.model.engine.ModelLoader;
import io.linkcast.state.compact.StatePrecision;
import java.io.IOException;
import java.nio.file.Path;

/** Loads SEMBA artifacts ({@link SembaArtifact}) for {@code linkcast eval} and the service. */
public final class SembaModelLoader implements ModelLoader {

    @Override
    public String name() {
        return "semba";
    }

    @Override
    public boolean canLoad(Path artifactDir) {
        return SembaArtifact.isArtifact(artifactDir);
    }

    @Override
    public StreamModel<?> load(Path artifactDir, InferenceBackend backend, StatePrecision precision)
            throws IOException {
        return SembaArtifact.load(artifactDir, backend, precision);
    }
}
