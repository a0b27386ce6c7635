package io.linkcast.serving;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The dashboard served on {@code GET /dashboard}: one self-contained HTML page (styles, script and charts
 * inline, nothing fetched but {@code /v1/stats}), so it works on machines without a network.
 */
final class DashboardPage {
    static final String RESOURCE = "/io/linkcast/serving/dashboard.html";

    private DashboardPage() {
    }

    static String html() {
        try (InputStream in = DashboardPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("dashboard page " + RESOURCE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dashboard page " + RESOURCE, e);
        }
    }
}
