package io.linkcast.model.engine;

import java.util.Objects;

/** Name and version of a model, as printed on every prediction it makes. */
public record ModelInfo(String name, String version) {
    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
