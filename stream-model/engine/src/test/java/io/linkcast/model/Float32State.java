package io.linkcast.model;

import io.linkcast.state.compact.StatePrecision;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs each test of a class with float32 node state ({@code @ExtendWith(Float32State.class)}), for comparisons
 * whose reference keeps float32 state (the original NAT) or that compare two backends: rounding a state to half
 * precision is a step function, so a 1e-7 difference between backends that lands either side of a rounding
 * boundary becomes a half-precision step (~5e-4) and would read as a backend difference.
 */
public final class Float32State implements BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Float32State.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        context.getStore(NAMESPACE).put("scope", StatePrecision.use(StatePrecision.FP32));
    }

    @Override
    public void afterEach(ExtensionContext context) {
        context.getStore(NAMESPACE).remove("scope", StatePrecision.Scope.class).close();
    }
}
