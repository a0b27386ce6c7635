package io.linkcast.serving;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses a score request while the score queue is full, in Jetty, in front of the servlet and Javalin: under a flood
 * of requests the refusals are most of the traffic, and going through the servlet layer, routing and JSON writing
 * for each cost CPU the stream and the query worker needed. A request the read token does not admit passes on, to
 * get its 401 from the API as before; so does everything but {@code POST /v1/score}.
 */
final class ScoreRefusal extends Handler.Wrapper {
    private static final byte[] BODY = "{\"error\":\"too many score requests waiting: try again shortly\"}"
            .getBytes(StandardCharsets.UTF_8);

    private static final long SMALL_BODY = 4096;

    private final ScoreWaves waves;
    private final QueryGate gate;
    private final HttpAccess access;

    ScoreRefusal(ScoreWaves waves, QueryGate gate, HttpAccess access) {
        this.waves = waves;
        this.gate = gate;
        this.access = access;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (waves.full() && "POST".equals(request.getMethod()) && "/v1/score".equals(Request.getPathInContext(request))
                && access.mayRead(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
            gate.refuse();
            // the body is not read; if it has not all arrived, the connection cannot be kept for the next request. A
            // body of a few pairs came with the headers: only a large one (or one of unknown length) is checked
            long length = request.getLength();
            if ((length < 0 || length > SMALL_BODY) && !request.consumeAvailable()) {
                response.getHeaders().put(HttpHeader.CONNECTION, "close");
            }
            response.setStatus(503);
            response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            response.write(true, ByteBuffer.wrap(BODY), callback);
            return true;
        }
        return super.handle(request, response, callback);
    }
}
