package dev.enoscoap.mock.data;

/**
 * The history records and events of every device in the order they came, for dropping the oldest
 * of all when the total is full: per record a ring number (which device, history or events) and
 * the record's number in its ring, in two growing arrays. An entry whose record its device has
 * dropped already stays until passed or compacted away. Not thread-safe: {@link DeviceDataStore}
 * holds its lock.
 */
final class DropOrder {
    private int[] rings = new int[16];
    private long[] numbers = new long[16];
    private int head;
    private int size;

    int size() {
        return size;
    }

    void add(int ring, long number) {
        if (size == rings.length) {
            resize(2 * size);
        }
        int i = (head + size) % rings.length;
        rings[i] = ring;
        numbers[i] = number;
        size++;
    }

    /** The ring of the oldest entry; {@link #oldestNumber()} is its record. */
    int oldestRing() {
        return rings[head];
    }

    long oldestNumber() {
        return numbers[head];
    }

    void removeOldest() {
        head = (head + 1) % rings.length;
        size--;
    }

    /** Keeps only the entries {@code kept} says yes to, in order. */
    void retain(EntryTest kept) {
        copy(kept, size);
    }

    void clear() {
        rings = new int[16];
        numbers = new long[16];
        head = 0;
        size = 0;
    }

    private void resize(int capacity) {
        copy((ring, number) -> true, capacity);
    }

    /** Copies the entries {@code kept} says yes to, oldest first, into arrays of at least {@code capacity}. */
    private void copy(EntryTest kept, int capacity) {
        int[] r = new int[Math.max(16, capacity)];
        long[] m = new long[r.length];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = (head + k) % rings.length;
            if (kept.test(rings[i], numbers[i])) {
                r[n] = rings[i];
                m[n] = numbers[i];
                n++;
            }
        }
        rings = r;
        numbers = m;
        head = 0;
        size = n;
    }

    /** Whether an entry is still wanted. */
    @FunctionalInterface
    interface EntryTest {
        boolean test(int ring, long number);
    }
}
