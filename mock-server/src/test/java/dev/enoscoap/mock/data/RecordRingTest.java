package dev.enoscoap.mock.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecordRingTest {
    private record Kept(String about, byte[] body, byte[] raw, Instant at, int weight) {
    }

    /**
     * Random adds and drops against a plain queue: bodies of every size (so that they wrap around
     * the end, fill the array and make it grow, then shrink when most are dropped), raw bytes alone
     * or beside a body, records with neither.
     */
    @Test
    void keepsExactlyWhatAPlainQueueKeepsThroughWrapsGrowthAndShrinking() {
        Random r = new Random(20261126);
        RecordRing ring = new RecordRing();
        ArrayDeque<Kept> model = new ArrayDeque<>();
        long added = 0;
        for (int step = 0; step < 20_000; step++) {
            int capacity = step < 10_000 ? 50 : 7;
            boolean drop = !model.isEmpty() && (model.size() >= capacity || r.nextInt(step % 3_000 < 1_500 ? 3 : 1) == 0);
            if (drop) {
                Kept oldest = model.removeFirst();
                long first = ring.first();
                assertThat(ring.dropOldest()).isEqualTo(oldest.weight());
                assertThat(ring.first()).isEqualTo(first + 1);
            } else {
                byte[] body = r.nextInt(6) == 0 ? null : bytes(r, r.nextInt(10) == 0 ? 2_000 : 120);
                byte[] raw = r.nextInt(4) == 0 ? bytes(r, 300) : null;
                Kept k = new Kept("t" + step, body, raw, Instant.ofEpochSecond(1_700_000_000L + step, r.nextInt(1_000_000_000)),
                        r.nextInt(Integer.MAX_VALUE));
                assertThat(ring.add(k.about(), k.body(), k.raw(), k.at(), k.weight(), capacity)).isEqualTo(added);
                added++;
                model.addLast(k);
            }
            assertThat(ring.size()).isEqualTo(model.size());
            assertThat(ring.first()).isEqualTo(added - model.size());
            if (step % 97 == 0 || step > 19_900) {
                List<Kept> all = new ArrayList<>(model);
                for (int n = 0; n < all.size(); n++) {
                    Kept k = all.get(n);
                    assertThat(ring.about(n)).isEqualTo(k.about());
                    assertThat(ring.body(n)).isEqualTo(k.body());
                    assertThat(ring.raw(n)).isEqualTo(k.raw());
                    assertThat(ring.time(n)).isEqualTo(k.at());
                    assertThat(ring.weight(n)).isEqualTo(k.weight());
                }
            }
        }
    }

    @Test
    void keepsCopiesNotTheCallersArrays() {
        RecordRing ring = new RecordRing();
        byte[] body = {1, 2, 3};
        byte[] raw = {4, 5};
        ring.add("a", body, raw, Instant.EPOCH, 1, 10);
        body[0] = 9;
        raw[0] = 9;
        ring.body(0)[1] = 9;
        assertThat(ring.body(0)).containsExactly(1, 2, 3);
        assertThat(ring.raw(0)).containsExactly(4, 5);
    }

    private static byte[] bytes(Random r, int most) {
        byte[] b = new byte[r.nextInt(most + 1)];
        r.nextBytes(b);
        return b;
    }
}
