package dev.enoscoap.conformance.suite;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.spi.Capability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apiguardian.api.API;

/** The test-purpose catalogue, {@code fixtures/catalogue/test-purposes.json}. */
@API(status = INTERNAL, since = "0.1")
public final class Catalogue {
    /** Classpath location of the catalogue in the fixtures jar. */
    public static final String RESOURCE = "enos-fixtures/catalogue/test-purposes.json";

    /**
     * One test purpose.
     *
     * @param id e.g. {@code ENOS-KEY-01}
     * @param title what it checks
     * @param clause e.g. {@code EC-6}
     * @param quote the clause's words
     * @param level how binding it is
     * @param capabilities what a client must declare for it to apply
     * @param prerequisites purposes that must hold for this one to be judged, in the order they are checked
     * @param establishes facts other purposes rely on; when one is missing, the judge names this purpose
     * @param restsOnClientReport why the verdict rests partly on what the client reports, or {@code null}
     *        when it rests on what the mock saw alone
     * @param judgedBy how it can be judged: actively, by observation, or both
     * @param pass what a pass means
     * @param fail what a fail means
     * @param notApplicable when it does not apply
     * @param fix what to change in the client when it fails
     */
    public record Entry(String id, String title, String clause, String quote, Level level,
            List<Capability> capabilities, List<String> prerequisites, List<Fact> establishes,
            String restsOnClientReport, Set<JudgedBy> judgedBy, String pass, String fail, String notApplicable,
            String fix) {

        public Entry {
            capabilities = List.copyOf(capabilities);
            prerequisites = List.copyOf(prerequisites);
            establishes = List.copyOf(establishes);
            judgedBy = Set.copyOf(judgedBy);
        }

        /** Why the verdict rests partly on the client's own report, if it does. */
        public java.util.Optional<String> clientReportReason() {
            return java.util.Optional.ofNullable(restsOnClientReport);
        }

        /** The area, e.g. {@code KEY} for {@code ENOS-KEY-01}. */
        public String area() {
            return id.split("-")[1];
        }

        /** Whether a failure fails the run. */
        public boolean must() {
            return level.gates();
        }
    }

    private static volatile Catalogue loaded;

    private final Map<String, Entry> entries;
    private final Map<Fact, String> owners;

    private Catalogue(Map<String, Entry> entries, Map<Fact, String> owners) {
        this.entries = entries;
        this.owners = Map.copyOf(owners);
    }

    /** The purpose that establishes {@code fact}. */
    public Entry ownerOf(Fact fact) {
        return entries.get(owners.get(fact));
    }

    /** The position of a purpose in catalogue order (prerequisites first), or -1. */
    public int position(String id) {
        int i = 0;
        for (String k : entries.keySet()) {
            if (k.equals(id)) {
                return i;
            }
            i++;
        }
        return -1;
    }

    /** The catalogue from the fixtures jar. */
    public static Catalogue load() {
        Catalogue c = loaded;
        if (c == null) {
            c = read();
            loaded = c;
        }
        return c;
    }

    private static Catalogue read() {
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; add enos-coap-fixtures");
            }
            return parse(RESOURCE, new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalogue document; every field is checked, so a typo names the purpose and the field. */
    static Catalogue parse(String source, JsonNode root) {
        Map<String, Entry> map = new LinkedHashMap<>();
        for (JsonNode p : required(source, root, "purposes")) {
            String id = text(source, "?", p, "id");
            Entry e = new Entry(id, text(source, id, p, "title"), text(source, id, p, "clause"),
                    text(source, id, p, "quote"), enumValue(source, id, p, "level", Level.class),
                    list(source, id, p, "capabilities", v -> enumValue(source, id, "capabilities", v, Capability.class)),
                    list(source, id, p, "prerequisites", v -> v),
                    p.has("establishes") ? list(source, id, p, "establishes",
                            v -> enumValue(source, id, "establishes", v, Fact.class)) : List.of(),
                    optionalText(source, id, p, "restsOnClientReport"),
                    Set.copyOf(list(source, id, p, "judgedBy", v -> enumValue(source, id, "judgedBy", v,
                            JudgedBy.class))),
                    text(source, id, p, "pass"), text(source, id, p, "fail"), text(source, id, p, "notApplicable"),
                    text(source, id, p, "fix"));
            if (map.put(id, e) != null) {
                throw new IllegalStateException(source + ": purpose " + id + " appears twice");
            }
        }
        List<String> order = new java.util.ArrayList<>(map.keySet());
        Map<Fact, String> owners = new java.util.EnumMap<>(Fact.class);
        for (Entry e : map.values()) {
            for (String pre : e.prerequisites()) {
                if (!map.containsKey(pre)) {
                    throw new IllegalStateException(source + ": purpose " + e.id() + " names prerequisite " + pre
                            + ", which is not in the catalogue");
                }
                if (order.indexOf(pre) > order.indexOf(e.id())) {
                    throw new IllegalStateException(source + ": purpose " + e.id() + " needs " + pre
                            + ", which comes after it; a purpose must come after every purpose it needs");
                }
            }
            for (Fact f : e.establishes()) {
                String other = owners.put(f, e.id());
                if (other != null) {
                    throw new IllegalStateException(source + ": fact " + f + " is established by both " + other
                            + " and " + e.id() + "; one purpose owns a fact");
                }
            }
            if (e.restsOnClientReport() != null && e.restsOnClientReport().isBlank()) {
                throw new IllegalStateException(source + ": purpose " + e.id()
                        + ": \"restsOnClientReport\" must say why, or be left out");
            }
            if (e.judgedBy().isEmpty()) {
                throw new IllegalStateException(source + ": purpose " + e.id() + " has an empty judgedBy");
            }
        }
        for (Fact f : Fact.values()) {
            if (!owners.containsKey(f)) {
                throw new IllegalStateException(source + ": no purpose establishes fact " + f);
            }
        }
        return new Catalogue(java.util.Collections.unmodifiableMap(map), owners);
    }

    private static String optionalText(String source, String id, JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalStateException(source + ": purpose " + id + ": \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static JsonNode required(String source, JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalStateException(source + ": \"" + field + "\" is missing");
        }
        return v;
    }

    private static String text(String source, String id, JsonNode p, String field) {
        JsonNode v = p.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalStateException(source + ": purpose " + id + ": \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    private static <T> List<T> list(String source, String id, JsonNode p, String field,
            java.util.function.Function<String, T> item) {
        JsonNode v = p.get(field);
        if (v == null || !v.isArray()) {
            throw new IllegalStateException(source + ": purpose " + id + ": \"" + field + "\" must be an array");
        }
        List<T> out = new java.util.ArrayList<>();
        for (JsonNode n : v) {
            if (!n.isTextual()) {
                throw new IllegalStateException(source + ": purpose " + id + ": \"" + field + "\" holds " + n
                        + ", expected strings");
            }
            out.add(item.apply(n.textValue()));
        }
        return out;
    }

    private static <E extends Enum<E>> E enumValue(String source, String id, JsonNode p, String field, Class<E> type) {
        return enumValue(source, id, field, text(source, id, p, field), type);
    }

    private static <E extends Enum<E>> E enumValue(String source, String id, String field, String value,
            Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(source + ": purpose " + id + ": \"" + field + "\" value '" + value
                    + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }

    /**
     * The purposes that can be judged {@code how}, in catalogue order, as a catalogue of their own:
     * what a report of a run judged that way lists. The facts keep their owners where the owner
     * is among them.
     */
    public Catalogue judgedBy(JudgedBy how) {
        Map<String, Entry> kept = new LinkedHashMap<>();
        entries.forEach((id, e) -> {
            if (e.judgedBy().contains(how)) {
                kept.put(id, e);
            }
        });
        Map<Fact, String> keptOwners = new java.util.EnumMap<>(Fact.class);
        owners.forEach((fact, id) -> {
            if (kept.containsKey(id)) {
                keptOwners.put(fact, id);
            }
        });
        return new Catalogue(java.util.Collections.unmodifiableMap(kept), keptOwners);
    }

    /** The purpose with this id. */
    public Optional<Entry> get(String id) {
        return Optional.ofNullable(entries.get(id));
    }

    /** All purposes, in catalogue order. */
    public Map<String, Entry> all() {
        return entries;
    }
}
