package dev.genqueue.apixo.simulator.output;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Small deterministic MP4-like and MP3-like files: valid container headers around seeded filler. */
final class MediaBytes {

    private static final int MP4_PAYLOAD = 4096;
    private static final int MP3_FRAMES = 24;
    // MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 144 * 128000 / 44100 = 417 bytes per frame
    private static final int MP3_FRAME_LENGTH = 417;

    private MediaBytes() {
    }

    /** {@code ftyp} (isom) + {@code free} + {@code mdat} boxes. */
    static byte[] mp4(byte[] seed) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(32);
            out.writeBytes("ftypisom");
            out.writeInt(0x200);
            out.writeBytes("isomiso2avc1mp41");
            out.writeInt(8);
            out.writeBytes("free");
            out.writeInt(8 + MP4_PAYLOAD);
            out.writeBytes("mdat");
            out.write(filler(seed, MP4_PAYLOAD));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ID3v2.3 tag (TIT2 title) followed by MPEG audio frames. */
    static byte[] mp3(byte[] seed, String title) {
        try {
            byte[] text = title.getBytes(StandardCharsets.ISO_8859_1);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            int frameSize = 1 + text.length;
            int tagSize = 10 + frameSize;
            out.writeBytes("ID3");
            out.write(new byte[] {3, 0, 0});
            out.write(syncsafe(tagSize));
            out.writeBytes("TIT2");
            out.writeInt(frameSize);
            out.writeShort(0);
            out.write(0);
            out.write(text);
            byte[] payload = filler(seed, MP3_FRAMES * (MP3_FRAME_LENGTH - 4));
            for (int frame = 0; frame < MP3_FRAMES; frame++) {
                out.write(new byte[] {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0x64});
                out.write(payload, frame * (MP3_FRAME_LENGTH - 4), MP3_FRAME_LENGTH - 4);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] filler(byte[] seed, int length) {
        SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(seed).getLong());
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < length; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }

    private static byte[] syncsafe(int value) {
        return new byte[] {(byte) (value >> 21 & 0x7f), (byte) (value >> 14 & 0x7f), (byte) (value >> 7 & 0x7f),
                (byte) (value & 0x7f)};
    }
}
