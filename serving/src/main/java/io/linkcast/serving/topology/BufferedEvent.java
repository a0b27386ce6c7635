package io.linkcast.serving.topology;

import io.linkcast.ingest.DeadLetters;
import io.linkcast.ingest.Interaction;
import io.linkcast.ingest.InteractionJson;
import io.linkcast.ingest.RejectReason;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.streams.processor.api.Record;

/**
 * An accepted event waiting in the micro-batch buffer, with what its prediction needs: its position and
 * the timestamp of its input record. The buffer is a changelogged store, so a crash between accepting an
 * event and flushing its batch loses nothing: the restarted task finds it in the buffer.
 */
record BufferedEvent(int partition, long offset, long recordTimestamp, Interaction event) {

    /** This event refused after it was accepted: its JSON, with the reason and its input position in headers. */
    Record<byte[], byte[]> deadLetter(String detail, String inputTopic) {
        return new Record<>(event.srcKey().getBytes(StandardCharsets.UTF_8), InteractionJson.encode(event), recordTimestamp,
                DeadLetters.headers(RejectReason.PROCESSING_FAILED, detail, inputTopic, partition, offset));
    }

    byte[] encode() {
        byte[] src = event.srcKey().getBytes(StandardCharsets.UTF_8);
        byte[] dst = event.dstKey().getBytes(StandardCharsets.UTF_8);
        byte[] id = event.id() == null ? null : event.id().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + 8 + 8 + 8 + 1 + 8 + 3 * 4 + src.length + dst.length
                + (id == null ? 0 : id.length));
        b.putInt(partition).putLong(offset).putLong(recordTimestamp).putDouble(event.t())
                .put((byte) event.sign()).putDouble(event.weight());
        b.putInt(src.length).put(src).putInt(dst.length).put(dst);
        b.putInt(id == null ? -1 : id.length);
        if (id != null) {
            b.put(id);
        }
        return b.array();
    }

    static BufferedEvent decode(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int partition = b.getInt();
        long offset = b.getLong();
        long ts = b.getLong();
        double t = b.getDouble();
        int sign = b.get();
        double weight = b.getDouble();
        String src = text(b, b.getInt());
        String dst = text(b, b.getInt());
        int idLen = b.getInt();
        String id = idLen < 0 ? null : text(b, idLen);
        return new BufferedEvent(partition, offset, ts, Interaction.of(src, dst, t, sign, weight, id));
    }

    private static String text(ByteBuffer b, int len) {
        byte[] a = new byte[len];
        b.get(a);
        return new String(a, StandardCharsets.UTF_8);
    }
}
