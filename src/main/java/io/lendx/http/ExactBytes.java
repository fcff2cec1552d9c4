package io.lendx.http;

import io.micronaut.core.annotation.Nullable;

import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Collects what a JSON generator writes into one array of exactly its length. The generator
 * buffers on its own (8,000 bytes, recycled per thread) and hands over most answers in a single
 * write, which is kept as that one copy; a larger answer arrives in chunks, joined at the end.
 * Jackson's {@code ByteArrayBuilder} first allocated a block of its own and then copied it out.
 */
final class ExactBytes extends OutputStream {

    private static final byte[] NONE = new byte[0];

    private byte[] first = NONE;
    @Nullable
    private List<byte[]> more;
    private int length;

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int count) {
        if (count == 0) {
            return;
        }
        byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + count);
        if (length == 0) {
            first = chunk;
        } else {
            if (more == null) {
                more = new ArrayList<>();
            }
            more.add(chunk);
        }
        length += count;
    }

    byte[] toByteArray() {
        if (more == null) {
            return first;
        }
        byte[] all = Arrays.copyOf(first, length);
        int at = first.length;
        for (byte[] chunk : more) {
            System.arraycopy(chunk, 0, all, at, chunk.length);
            at += chunk.length;
        }
        return all;
    }
}
