package dev.enoscoap.conformance.suite;

import dev.enoscoap.conformance.spi.ClientFailure;
import dev.enoscoap.conformance.spi.PublishResult;
import java.util.List;
import java.util.Optional;

/**
 * What a client call ended with: a value, the failure the client reported, "not implemented", or
 * no answer in time. What the client <em>says</em> may decide a verdict only for purposes whose
 * catalogue entry says why ({@code restsOnClientReport}); reading it anywhere else is refused, so
 * every other verdict rests on what the mock saw. {@link #describe()} is always allowed: it is
 * evidence, not a judgement.
 */
final class Outcome<T> {
    enum Kind { RETURNED, FAILED, NOT_IMPLEMENTED, NO_ANSWER }

    private final Kind kind;
    private final T value;
    private final ClientFailure failure;
    private final String note;
    private Catalogue.Entry reader;

    private Outcome(Kind kind, T value, ClientFailure failure, String note) {
        this.kind = kind;
        this.value = value;
        this.failure = failure;
        this.note = note;
    }

    static <T> Outcome<T> returned(T value) {
        return new Outcome<>(Kind.RETURNED, value, null, null);
    }

    static <T> Outcome<T> failed(ClientFailure failure) {
        return new Outcome<>(Kind.FAILED, null, failure, null);
    }

    static <T> Outcome<T> notImplemented(String why) {
        return new Outcome<>(Kind.NOT_IMPLEMENTED, null, null, why);
    }

    static <T> Outcome<T> noAnswer(String why) {
        return new Outcome<>(Kind.NO_ANSWER, null, null, why);
    }

    Kind kind() {
        return kind;
    }

    String note() {
        return note;
    }

    /** The same outcome, read on behalf of {@code purpose}. */
    Outcome<T> readBy(Catalogue.Entry purpose) {
        Outcome<T> o = new Outcome<>(kind, value, failure, note);
        o.reader = purpose;
        return o;
    }

    private void guard() {
        if (reader != null && reader.clientReportReason().isEmpty()) {
            throw new IllegalStateException(reader.id() + " reads what the client reported, but its catalogue entry "
                    + "has no \"restsOnClientReport\" saying why; judge it by what the mock saw, or say why");
        }
    }

    /** Whether the client reported success. Only for purposes that rest on the client's report. */
    public boolean ok() {
        guard();
        return kind == Kind.RETURNED;
    }

    /** What the client returned, or {@code null}. Only for purposes that rest on the client's report. */
    public T value() {
        guard();
        return value;
    }

    /**
     * A value the client reported, whether it then succeeded or failed (e.g. {@code deviceSecret}
     * printed before a failed reconnect). Only for purposes that rest on the client's report.
     */
    public Optional<String> reported(String key, java.util.function.Function<T, String> fromValue) {
        guard();
        if (kind == Kind.RETURNED) {
            return Optional.ofNullable(value == null ? null : fromValue.apply(value));
        }
        return failure == null ? Optional.empty() : failure.reported(key);
    }

    /** The outcome in words, for evidence. */
    public String describe() {
        return switch (kind) {
            case RETURNED -> "the client reported success" + (value == null ? "" : ": " + words(value));
            case FAILED -> "the client reported a failure: " + failure.getMessage();
            case NOT_IMPLEMENTED -> "the client answered 'not implemented': " + note;
            case NO_ANSWER -> note;
        };
    }

    private static String words(Object v) {
        if (v instanceof PublishResult r) {
            return "coapCode=" + r.coapCode() + (r.replyCode() >= 0 ? " replyCode=" + r.replyCode() : " (no reply code)");
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Outcome::words).toList().toString();
        }
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        return String.valueOf(v);
    }

    @Override
    public String toString() {
        return describe();
    }
}
