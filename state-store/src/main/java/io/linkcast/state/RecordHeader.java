package io.linkcast.state;

import java.nio.ByteBuffer;

/**
 * The 6-byte header of every state record: a 4-byte magic naming the kind of state, then a 2-byte version.
 * Codecs write it first and check it first, so a foreign or future record fails loudly.
 */
public record RecordHeader(int magic, int version) {
    public static final int BYTES = 6;

    public RecordHeader {
        if (version < 0 || version > 0xffff) {
            throw new IllegalArgumentException("version must fit in 16 bits, got " + version);
        }
    }

    /** A magic from four ASCII characters, e.g. {@code magic("NATS")}. */
    public static int magic(String fourChars) {
        if (fourChars.length() != 4) {
            throw new IllegalArgumentException("magic needs 4 characters: " + fourChars);
        }
        return (fourChars.charAt(0) << 24) | (fourChars.charAt(1) << 16) | (fourChars.charAt(2) << 8)
                | fourChars.charAt(3);
    }

    public void write(ByteBuffer buf) {
        buf.putInt(magic).putShort((short) version);
    }

    /**
     * Reads and checks the header of {@code buf}; returns the record's version, which the caller must know.
     *
     * @throws StateFormatException if the magic differs or the version is not in {@code readable}
     */
    public static int check(ByteBuffer buf, int magic, String kind, int... readable) {
        if (buf.remaining() < BYTES) {
            throw new StateFormatException(kind + " record too short: " + buf.remaining() + " bytes");
        }
        int m = buf.getInt();
        if (m != magic) {
            throw new StateFormatException("not a " + kind + " record (magic 0x" + Integer.toHexString(m) + ")");
        }
        int v = buf.getShort() & 0xffff;
        for (int r : readable) {
            if (r == v) {
                return v;
            }
        }
        throw new StateFormatException("unknown " + kind + " record version " + v
                + "; this build reads " + java.util.Arrays.toString(readable));
    }
}
