package dev.enoscoap.conformance.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The test-purpose catalogue, {@code fixtures/catalogue/test-purposes.json}. */
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
     * @param level {@code MUST} or {@code SHOULD}
     * @param capability the capability a client needs for it
     * @param pass what a pass means
     * @param fail what a fail means
     * @param notApplicable when it does not apply
     */
    public record Entry(String id, String title, String clause, String quote, String level, String capability,
            String pass, String fail, String notApplicable) {

        /** The area, e.g. {@code KEY} for {@code ENOS-KEY-01}. */
        public String area() {
            return id.split("-")[1];
        }

        /** Whether a failure fails the run. */
        public boolean must() {
            return "MUST".equals(level);
        }
    }

    private static volatile Catalogue loaded;

    private final Map<String, Entry> entries;

    private Catalogue(Map<String, Entry> entries) {
        this.entries = entries;
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
            JsonNode root = new ObjectMapper().readTree(in);
            Map<String, Entry> map = new LinkedHashMap<>();
            for (JsonNode p : root.get("purposes")) {
                Entry e = new Entry(p.get("id").asText(), p.get("title").asText(), p.get("clause").asText(),
                        p.get("quote").asText(), p.get("level").asText(), p.get("capability").asText(),
                        p.get("pass").asText(), p.get("fail").asText(), p.get("notApplicable").asText());
                map.put(e.id(), e);
            }
            return new Catalogue(java.util.Collections.unmodifiableMap(map));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
