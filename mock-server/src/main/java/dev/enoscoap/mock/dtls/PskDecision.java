package dev.enoscoap.mock.dtls;

import dev.enoscoap.mock.journal.RefusalReason;
import dev.enoscoap.mock.protocol.IdentityParseResult;
import dev.enoscoap.mock.protocol.IdentityRule;
import dev.enoscoap.mock.protocol.PskIdentity;

/**
 * What the PSK store decided for one identity: a key to try, or a refusal with its reason.
 *
 * @param parse the identity as parsed
 * @param key the PSK key, or {@code null} when refused
 * @param reason why it was refused, or {@code null}
 * @param detail the decision in words (for an accepted identity: where the key came from)
 */
record PskDecision(IdentityParseResult parse, byte[] key, RefusalReason reason, String detail) {

    static PskDecision accept(IdentityParseResult parse, byte[] key, String detail) {
        return new PskDecision(parse, key, null, detail);
    }

    static PskDecision refuse(IdentityParseResult parse, RefusalReason reason, String detail) {
        return new PskDecision(parse, null, reason, detail);
    }

    boolean accepted() {
        return key != null;
    }

    /** The parsed identity, or {@code null} if malformed. */
    PskIdentity identity() {
        return parse instanceof IdentityParseResult.Valid v ? v.identity() : null;
    }

    /** The identity as it arrived, in bytes. */
    byte[] identityBytes() {
        return parse.received().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The identity rule broken, or {@code null}. */
    IdentityRule identityRule() {
        return parse instanceof IdentityParseResult.Invalid i ? i.rule() : null;
    }
}
