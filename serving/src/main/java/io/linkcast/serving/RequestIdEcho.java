package io.linkcast.serving;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers every request with the {@code X-Request-Id} it came with, so that a caller (or a proxy's log) can pair an
 * answer with its request without one connection per request in flight; the query benchmark's wrk script times many
 * connections on one thread this way. An id that is too long or not visible ASCII is not echoed: it is the caller's
 * text going into our headers.
 */
final class RequestIdEcho extends Handler.Wrapper {
    static final String HEADER = "X-Request-Id";
    private static final int MAX_LENGTH = 128;

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String id = request.getHeaders().get(HEADER);
        if (id != null && wellFormed(id)) {
            response.getHeaders().put(HEADER, id);
        }
        return super.handle(request, response, callback);
    }

    static boolean wellFormed(String id) {
        if (id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }
}
