package dev.enoscoap.conformance.observe;

import static org.apiguardian.api.API.Status.EXPERIMENTAL;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.enoscoap.conformance.suite.Catalogue;
import dev.enoscoap.conformance.suite.JudgedBy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * What an observation session does, stage by stage: each stage applies a {@link Stimulus} to the
 * device and waits, up to its timeout, for the verdicts of the purposes it lists. A plan is a JSON
 * file ({@code fixtures/plans/default.json} covers every purpose judged by observation):
 *
 * <pre>{@code
 * {"name": "retransmission only",
 *  "stages": [{"name": "retransmission", "stimulus": {"type": "drop-request", "transmissions": 2},
 *              "timeoutSeconds": 60, "purposes": ["ENOS-ROB-01", "ENOS-ROB-04"]}]}
 * }</pre>
 *
 * A purpose's prerequisites are judged too, in the first stage that needs them, even when the plan
 * does not list them. Every error names the file, the JSON location and the rule.
 */
@API(status = EXPERIMENTAL, since = "0.1")
public final class ObservationPlan {
    /** Classpath location of the default plan in the fixtures jar. */
    public static final String DEFAULT_RESOURCE = "enos-fixtures/plans/default.json";
    /** The longest stage timeout a plan may ask for. */
    public static final Duration MAX_STAGE_TIMEOUT = Duration.ofHours(1);

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Set<String> ROOT_FIELDS = Set.of("name", "description", "stages");
    private static final Set<String> STAGE_FIELDS = Set.of("name", "stimulus", "timeoutSeconds", "purposes");

    private final String name;
    private final String source;
    private final List<PlanStage> stages;

    private ObservationPlan(String name, String source, List<PlanStage> stages) {
        this.name = name;
        this.source = source;
        this.stages = List.copyOf(stages);
    }

    /** The plan's name, e.g. {@code default}. */
    public String name() {
        return name;
    }

    /** Where it was read from. */
    public String source() {
        return source;
    }

    /** Its stages, in order. */
    public List<PlanStage> stages() {
        return stages;
    }

    /** Every purpose its stages list, in stage order. */
    public Set<String> purposes() {
        Set<String> all = new LinkedHashSet<>();
        stages.forEach(s -> all.addAll(s.purposes()));
        return all;
    }

    /** The longest the stages can take together. */
    public Duration longest() {
        return stages.stream().map(PlanStage::timeout).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * The same plan judging only {@code purposes} (and, as always, what they need): stages left
     * without a purpose are dropped, so their stimuli are not applied.
     *
     * @throws IllegalArgumentException naming a purpose the plan does not judge
     */
    public ObservationPlan only(Collection<String> purposes) {
        Set<String> known = purposes();
        for (String p : purposes) {
            if (!known.contains(p)) {
                throw new IllegalArgumentException("plan '" + name + "' (" + source + ") does not judge " + p
                        + "; it judges " + known);
            }
        }
        List<PlanStage> kept = new ArrayList<>();
        for (PlanStage s : stages) {
            PlanStage k = s.keeping(purposes);
            if (!k.purposes().isEmpty()) {
                kept.add(k);
            }
        }
        List<String> ordered = known.stream().filter(purposes::contains).toList();
        return new ObservationPlan(name + " (" + String.join(", ", ordered) + ")", source, kept);
    }

    /** The same plan with every stage timeout replaced by {@code timeout} (for tests and quick runs). */
    public ObservationPlan withStageTimeouts(Duration timeout) {
        return new ObservationPlan(name, source, stages.stream()
                .map(s -> new PlanStage(s.name(), s.stimulus(), timeout, s.purposes())).toList());
    }

    /** The default plan, {@code fixtures/plans/default.json}, from the fixtures jar. */
    public static ObservationPlan defaultPlan() {
        try (InputStream in = ObservationPlan.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DEFAULT_RESOURCE + " is not on the classpath; add enos-coap-fixtures");
            }
            return parse("classpath:" + DEFAULT_RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads a plan file.
     *
     * @throws PlanException naming the file, the JSON location and the rule, for a file that is
     *         missing, is not JSON or breaks a rule
     */
    public static ObservationPlan read(Path file) {
        String source = file.toAbsolutePath().normalize().toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PlanException(source, "", "no such file");
        } catch (IOException e) {
            throw new PlanException(source, "", "cannot be read: " + e.getMessage());
        }
        return parse(source, text);
    }

    /**
     * Reads a plan from its JSON text; {@code source} names it in errors.
     *
     * @throws PlanException naming the source, the JSON location and the rule
     */
    public static ObservationPlan parse(String source, String json) {
        JsonNode root;
        try {
            ObjectMapper mapper = new ObjectMapper();
            mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new PlanException(source, "", "is not JSON" + where + ": " + e.getOriginalMessage());
        }
        return new Reader(source).plan(root);
    }

    @Override
    public String toString() {
        return "ObservationPlan[" + name + ", " + stages.size() + " stages, " + source + "]";
    }

    /** Reads and checks the document, naming the location of every problem. */
    private static final class Reader {
        private final String source;
        private final Catalogue catalogue = Catalogue.load();

        Reader(String source) {
            this.source = source;
        }

        private PlanException error(String location, String rule) {
            return new PlanException(source, location, rule);
        }

        ObservationPlan plan(JsonNode root) {
            if (root == null || !root.isObject()) {
                throw error("", "a plan is a JSON object {\"name\", \"description\", \"stages\": [...]}");
            }
            unknownFields(root, "", ROOT_FIELDS);
            String name = "plan";
            JsonNode n = root.get("name");
            if (n != null) {
                if (!n.isTextual() || n.textValue().isBlank()) {
                    throw error("/name", "must be a non-empty string");
                }
                name = n.textValue();
            }
            JsonNode d = root.get("description");
            if (d != null && !d.isTextual()) {
                throw error("/description", "must be a string");
            }
            JsonNode stages = root.get("stages");
            if (stages == null || !stages.isArray() || stages.isEmpty()) {
                throw error("/stages", "must be a non-empty array of stages");
            }
            List<PlanStage> list = new ArrayList<>();
            Map<String, String> purposeAt = new HashMap<>();
            Set<String> names = new java.util.HashSet<>();
            for (int i = 0; i < stages.size(); i++) {
                PlanStage stage = stage(stages.get(i), "/stages/" + i, purposeAt);
                if (!names.add(stage.name())) {
                    throw error("/stages/" + i + "/name", "stage name '" + stage.name() + "' is used twice; each stage "
                            + "has a name of its own");
                }
                list.add(stage);
            }
            return new ObservationPlan(name, source, list);
        }

        private PlanStage stage(JsonNode s, String at, Map<String, String> purposeAt) {
            if (!s.isObject()) {
                throw error(at, "a stage is an object {\"name\", \"stimulus\", \"timeoutSeconds\", \"purposes\"}");
            }
            unknownFields(s, at, STAGE_FIELDS);
            JsonNode n = s.get("name");
            if (n == null || !n.isTextual() || !STAGE_NAME.matcher(n.textValue()).matches()) {
                throw error(at + "/name", "must be a name of lower-case letters, digits and '-', up to 40 characters, "
                        + "e.g. \"retransmission\"" + (n == null ? "; it is missing" : ", was " + n));
            }
            Stimulus stimulus = stimulus(s.get("stimulus"), at + "/stimulus");
            JsonNode t = s.get("timeoutSeconds");
            if (t == null || !t.isIntegralNumber() || t.longValue() < 1 || t.longValue() > MAX_STAGE_TIMEOUT.toSeconds()) {
                throw error(at + "/timeoutSeconds", "must be a whole number of seconds, 1.." + MAX_STAGE_TIMEOUT.toSeconds()
                        + (t == null ? "; it is missing" : ", was " + t));
            }
            JsonNode p = s.get("purposes");
            if (p == null || !p.isArray() || p.isEmpty()) {
                throw error(at + "/purposes", "must be a non-empty array of purpose ids, e.g. [\"ENOS-ROB-01\"]");
            }
            List<String> purposes = new ArrayList<>();
            for (int i = 0; i < p.size(); i++) {
                String where = at + "/purposes/" + i;
                JsonNode v = p.get(i);
                if (!v.isTextual()) {
                    throw error(where, "must be a purpose id such as \"ENOS-ROB-01\", was " + v);
                }
                String id = v.textValue();
                Catalogue.Entry entry = catalogue.get(id).orElseThrow(() -> error(where, "'" + id
                        + "' is not a purpose of the catalogue (fixtures/catalogue/test-purposes.json)"));
                if (!entry.judgedBy().contains(JudgedBy.OBSERVATION)) {
                    throw error(where, id + " (" + entry.title() + ") is judged only by driving a client, not by "
                            + "observation; the purposes judged by observation are " + catalogue.judgedBy(JudgedBy.OBSERVATION)
                            .all().keySet());
                }
                String earlier = purposeAt.putIfAbsent(id, where);
                if (earlier != null) {
                    throw error(where, id + " is listed twice (first at " + earlier + "); a purpose belongs to one stage");
                }
                String problem = Judgements.stimulusProblem(id, stimulus);
                if (problem != null) {
                    throw error(where, problem);
                }
                purposes.add(id);
            }
            return new PlanStage(n.textValue(), stimulus, Duration.ofSeconds(t.longValue()), purposes);
        }

        private Stimulus stimulus(JsonNode s, String at) {
            if (s == null || !s.isObject()) {
                throw error(at, "must be an object such as {\"type\": \"none\"}; types: none, drop-request, commands, "
                        + "application-error, lose-session");
            }
            JsonNode type = s.get("type");
            if (type == null || !type.isTextual()) {
                throw error(at + "/type", "must be one of none, drop-request, commands, application-error, lose-session");
            }
            return switch (type.textValue()) {
                case "none" -> {
                    unknownFields(s, at, Set.of("type"));
                    yield new Stimulus.None();
                }
                case "drop-request" -> {
                    unknownFields(s, at, Set.of("type", "transmissions"));
                    yield new Stimulus.DropRequest(intIn(s, at, "transmissions", 2, 1, 4));
                }
                case "commands" -> {
                    unknownFields(s, at, Set.of("type", "count"));
                    yield new Stimulus.Commands(intIn(s, at, "count", 2, 1, 10));
                }
                case "application-error" -> {
                    unknownFields(s, at, Set.of("type", "replyCode"));
                    int code = intIn(s, at, "replyCode", 1220, 1000, 1999);
                    yield new Stimulus.ApplicationError(code);
                }
                case "lose-session" -> {
                    unknownFields(s, at, Set.of("type", "refuseHandshakes", "forgetSession"));
                    int refuse = intIn(s, at, "refuseHandshakes", 1, 0, 5);
                    JsonNode f = s.get("forgetSession");
                    if (f != null && !f.isBoolean()) {
                        throw error(at + "/forgetSession", "must be true or false, was " + f);
                    }
                    boolean forget = f == null || f.booleanValue();
                    if (refuse == 0 && !forget) {
                        throw error(at, "a lose-session stimulus refuses at least one handshake or forgets the session");
                    }
                    yield new Stimulus.LoseSession(refuse, forget);
                }
                default -> throw error(at + "/type", "'" + type.textValue() + "' is not a stimulus; types: none, "
                        + "drop-request, commands, application-error, lose-session");
            };
        }

        private int intIn(JsonNode s, String at, String field, int dflt, int min, int max) {
            JsonNode v = s.get(field);
            if (v == null) {
                return dflt;
            }
            if (!v.isIntegralNumber() || v.longValue() < min || v.longValue() > max) {
                throw error(at + "/" + field, "must be a whole number " + min + ".." + max + ", was " + v);
            }
            return v.intValue();
        }

        private void unknownFields(JsonNode node, String at, Set<String> known) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String f = it.next();
                if (!known.contains(f)) {
                    throw error(at + "/" + f, "unknown field '" + f + "'; known: " + new java.util.TreeSet<>(known));
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ObservationPlan p && p.name.equals(name) && p.stages.equals(stages);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, stages);
    }
}
