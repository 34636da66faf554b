package dev.genqueue.apixo.simulator.output;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;

/** Small deterministic images whose pixels derive from a seed: a two-colour gradient with a seeded grid. */
final class ImageBytes {

    static final int SIZE = 64;

    private ImageBytes() {
    }

    /** RGB pixels, row by row. */
    static int[] pixels(byte[] seed) {
        int from = rgb(seed, 0);
        int to = rgb(seed, 3);
        int[] pixels = new int[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int t = x + y;
                int colour = blend(from, to, t, 2 * (SIZE - 1));
                // an 8x8 grid of cells switched on by the seed's bits makes each prompt visibly distinct
                int cell = (y / 8) * 8 + (x / 8);
                if ((seed[6 + cell / 8] >> (cell % 8) & 1) == 1) {
                    colour ^= 0x303030;
                }
                pixels[y * SIZE + x] = colour;
            }
        }
        return pixels;
    }

    /** A PNG written by hand (zlib + CRC32) so the bytes never depend on an image library version. */
    static byte[] png(byte[] seed) {
        int[] pixels = pixels(seed);
        byte[] raw = new byte[SIZE * (1 + SIZE * 3)];
        int i = 0;
        for (int y = 0; y < SIZE; y++) {
            raw[i++] = 0;
            for (int x = 0; x < SIZE; x++) {
                int p = pixels[y * SIZE + x];
                raw[i++] = (byte) (p >> 16);
                raw[i++] = (byte) (p >> 8);
                raw[i++] = (byte) p;
            }
        }
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        deflater.setInput(raw);
        deflater.finish();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] chunk = new byte[4096];
        while (!deflater.finished()) {
            compressed.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(png);
            out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream ihdr = new DataOutputStream(header);
            ihdr.writeInt(SIZE);
            ihdr.writeInt(SIZE);
            ihdr.write(new byte[] {8, 2, 0, 0, 0});
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
            return png.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A baseline JPEG of the same picture. */
    static byte[] jpeg(byte[] seed) {
        BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, SIZE, SIZE, pixels(seed), 0, SIZE);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpeg", out)) {
                throw new IllegalStateException("no JPEG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeInt(data.length);
        out.write(typeBytes);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    private static int rgb(byte[] seed, int offset) {
        return (seed[offset] & 0xff) << 16 | (seed[offset + 1] & 0xff) << 8 | seed[offset + 2] & 0xff;
    }

    private static int blend(int from, int to, int step, int steps) {
        int r = channel(from >> 16, to >> 16, step, steps);
        int g = channel(from >> 8, to >> 8, step, steps);
        int b = channel(from, to, step, steps);
        return r << 16 | g << 8 | b;
    }

    private static int channel(int from, int to, int step, int steps) {
        int a = from & 0xff;
        int b = to & 0xff;
        return a + (b - a) * step / steps;
    }
}
