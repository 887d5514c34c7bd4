package dev.enoscoap.mock.data;

import java.time.Instant;

/**
 * One device's history or events, oldest first. Each record's body is copied into one byte array
 * that the ring reuses as records come and go; the other fields live in two arrays that grow as
 * needed. Keeping a record therefore allocates nothing once the ring has grown: a device that
 * reports hundreds of times a second keeps its last thousand uplinks without a thousand objects
 * for the collector to copy, promote and mark.
 *
 * <p>Records are numbered as they come, so that {@link DropOrder} can tell a record still kept from
 * one its device already dropped. The byte array doubles when a record does not fit, and is
 * packed into one of twice the bytes kept when they fall under a quarter of it. Not thread-safe:
 * {@link DeviceDataStore} holds its lock.
 */
final class RecordRing {
    private static final int REFS = 2;
    private static final int METAS = 3;
    private static final byte[] NONE = new byte[0];
    private static final int SMALLEST = 64;
    /** In a record's second meta word: its bytes in {@link #bytes} are its body. */
    private static final long BODY = 1L << 63;
    /** In a record's second meta word: its bytes in {@link #bytes} are its raw bytes. */
    private static final long RAW = 1L << 62;
    private static final long NANOS = (1L << 30) - 1;

    /** Per record: what it is about (a topic or an event identifier); raw bytes kept beside a body. */
    private Object[] refs = new Object[REFS];
    /**
     * Per record: epoch second; {@link #BODY} or {@link #RAW}, nanosecond {@code << 32}, weight;
     * offset in {@link #bytes} {@code << 32 |} length.
     */
    private long[] meta = new long[METAS];
    /** Each record's bytes in one piece, oldest first, wrapping around the end at most once. */
    private byte[] bytes = NONE;
    /** Bytes of the records kept. */
    private int used;
    private int head;
    private int size;
    /** The number of the oldest record kept. */
    private long first;

    int size() {
        return size;
    }

    /** The number of the oldest record kept; every record numbered below it is gone. */
    long first() {
        return first;
    }

    /**
     * Keeps a record after the others, growing up to {@code capacity} records; the caller drops the
     * oldest first when the ring holds that many.
     *
     * @return the record's number
     */
    long add(Object about, byte[] body, byte[] raw, Instant at, int weight, int capacity) {
        int slots = meta.length / METAS;
        if (size == slots) {
            grow(Math.max(size + 1, Math.min(2 * slots, capacity)));
        }
        byte[] kept = body != null ? body : raw != null ? raw : NONE;
        int offset = place(kept.length);
        System.arraycopy(kept, 0, bytes, offset, kept.length);
        used += kept.length;
        int i = (head + size) % slots();
        refs[REFS * i] = about;
        refs[REFS * i + 1] = body != null && raw != null ? raw.clone() : null;
        meta[METAS * i] = at.getEpochSecond();
        meta[METAS * i + 1] = (body != null ? BODY : raw != null ? RAW : 0) | (long) at.getNano() << 32 | weight;
        meta[METAS * i + 2] = (long) offset << 32 | kept.length;
        size++;
        return first + size - 1;
    }

    /** Forgets the oldest record. @return its weight */
    int dropOldest() {
        int weight = weight(0);
        used -= length(head);
        refs[REFS * head] = null;
        refs[REFS * head + 1] = null;
        head = (head + 1) % slots();
        size--;
        first++;
        if (size == 0) {
            used = 0;
        }
        if (bytes.length > 4 * SMALLEST && used < bytes.length / 4) {
            repack(Math.max(SMALLEST, 2 * used));
        }
        return weight;
    }

    /** What the {@code n}th kept record (0 the oldest) is about. */
    Object about(int n) {
        return refs[REFS * at(n)];
    }

    /** A copy of the {@code n}th record's body, or {@code null} if it has none. */
    byte[] body(int n) {
        int i = at(n);
        return (meta[METAS * i + 1] & BODY) != 0 ? copy(i) : null;
    }

    /** A copy of the {@code n}th record's raw bytes, or {@code null} if it has none. */
    byte[] raw(int n) {
        int i = at(n);
        if ((meta[METAS * i + 1] & RAW) != 0) {
            return copy(i);
        }
        byte[] beside = (byte[]) refs[REFS * i + 1];
        return beside == null ? null : beside.clone();
    }

    Instant time(int n) {
        int i = at(n);
        return Instant.ofEpochSecond(meta[METAS * i], meta[METAS * i + 1] >>> 32 & NANOS);
    }

    int weight(int n) {
        return (int) meta[METAS * at(n) + 1];
    }

    private int slots() {
        return meta.length / METAS;
    }

    private int at(int n) {
        if (n < 0 || n >= size) {
            throw new IndexOutOfBoundsException("record " + n + " of " + size);
        }
        return (head + n) % slots();
    }

    private int offset(int i) {
        return (int) (meta[METAS * i + 2] >>> 32);
    }

    private int length(int i) {
        return (int) meta[METAS * i + 2];
    }

    private byte[] copy(int i) {
        byte[] copy = new byte[length(i)];
        System.arraycopy(bytes, offset(i), copy, 0, copy.length);
        return copy;
    }

    /** Where {@code length} bytes go: after the newest record's, else at the start, else in a bigger array. */
    private int place(int length) {
        if (size == 0 || used == 0) {
            if (bytes.length < length) {
                bytes = new byte[Math.max(SMALLEST, length)];
            }
            return 0;
        }
        int start = offset(head);
        int last = (head + size - 1) % slots();
        int end = offset(last) + length(last);
        if (end > start) { // in one piece: [start, end)
            if (bytes.length - end >= length) {
                return end;
            }
            if (start >= length) {
                return 0;
            }
        } else if (start - end >= length) { // wrapped: [end, start) is free
            return end;
        }
        // Counted in long: a history of gigabytes must fail as too large, not as a negative size.
        repack((int) Math.min(Integer.MAX_VALUE - 8, Math.max(2L * bytes.length, 2L * (used + length))));
        return used;
    }

    /** Copies the records' bytes, oldest first and back to back, into an array of {@code capacity} bytes. */
    private void repack(int capacity) {
        byte[] packed = new byte[capacity];
        int at = 0;
        for (int n = 0; n < size; n++) {
            int i = (head + n) % slots();
            int length = length(i);
            System.arraycopy(bytes, offset(i), packed, at, length);
            meta[METAS * i + 2] = (long) at << 32 | length;
            at += length;
        }
        bytes = packed;
    }

    private void grow(int slots) {
        Object[] r = new Object[REFS * slots];
        long[] m = new long[METAS * slots];
        for (int n = 0; n < size; n++) {
            int i = (head + n) % slots();
            System.arraycopy(refs, REFS * i, r, REFS * n, REFS);
            System.arraycopy(meta, METAS * i, m, METAS * n, METAS);
        }
        refs = r;
        meta = m;
        head = 0;
    }
}
