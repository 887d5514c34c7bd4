package dev.enoscoap.mock.persist;

import static org.apiguardian.api.API.Status.INTERNAL;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.enoscoap.mock.command.Command;
import dev.enoscoap.mock.command.CommandHandle;
import dev.enoscoap.mock.protocol.CommandKind;
import dev.enoscoap.mock.protocol.DeviceId;
import dev.enoscoap.mock.registry.Device;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;

/**
 * The state directory: what devices rely on, kept across restarts of the mock. {@code devices.json}
 * holds the devices registered or activated at runtime (secrets, asset ids); {@code commands.json}
 * the commands not yet answered or expired.
 *
 * <p>Every write is atomic: the new content goes to a temporary file in the same directory, is
 * forced to disk, and is renamed over the old file, and the directory is forced too. A process
 * killed at any moment leaves either the old file or the new one, never a torn one; leftover
 * temporary files are removed when the directory is opened. The files hold device secrets in
 * plain text (the mock needs them to derive keys): they are created readable by the owner only.
 */
@API(status = INTERNAL, since = "0.1")
public final class StateDirectory {
    /** The devices file. */
    public static final String DEVICES = "devices.json";
    /** The commands file. */
    public static final String COMMANDS = "commands.json";
    private static final String TEMP_SUFFIX = ".tmp";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final Object devicesLock = new Object();
    private final Object commandsLock = new Object();

    /** What was read back. */
    public record Snapshot(List<Device> devices, List<StoredCommand> commands) {
    }

    /** A command as kept in {@code commands.json}. */
    public record StoredCommand(String id, DeviceId device, Command command, Instant queuedAt, Instant expiresAt,
            int deliveries) {
    }

    private StateDirectory(Path dir) {
        this.dir = dir;
    }

    /**
     * Opens (and creates) a state directory, removing temporary files a killed process left.
     *
     * @throws StateException if it cannot be created or written
     */
    public static StateDirectory open(Path dir) {
        try {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    if (p.getFileName().toString().endsWith(TEMP_SUFFIX)) {
                        Files.deleteIfExists(p);
                    }
                }
            }
            if (!Files.isWritable(dir)) {
                throw new StateException("state directory " + dir + " is not writable");
            }
        } catch (IOException e) {
            throw new StateException("state directory " + dir + " cannot be used: " + e, e);
        }
        return new StateDirectory(dir);
    }

    /** The directory. */
    public Path path() {
        return dir;
    }

    /**
     * Reads both files; a missing file reads as empty.
     *
     * @throws StateException naming the file and what is wrong, if one cannot be read
     */
    public Snapshot read() {
        List<Device> devices = new ArrayList<>();
        JsonNode d = readFile(DEVICES);
        if (d != null) {
            for (JsonNode n : array(d, "devices", DEVICES)) {
                devices.add(new Device(new DeviceId(text(n, "productKey", DEVICES), text(n, "deviceKey", DEVICES)),
                        optional(n, "deviceSecret"), optional(n, "assetId"), n.path("activated").asBoolean(false),
                        n.path("secretFromActivation").asBoolean(false),
                        Device.Origin.valueOf(n.path("origin").asText(Device.Origin.REGISTERED.name()))));
            }
        }
        List<StoredCommand> commands = new ArrayList<>();
        JsonNode c = readFile(COMMANDS);
        if (c != null) {
            for (JsonNode n : array(c, "commands", COMMANDS)) {
                CommandKind kind = CommandKind.valueOf(text(n, "kind", COMMANDS));
                JsonNode params = n.get("params");
                String raw = optional(n, "raw");
                Command command = new Command(kind, optional(n, "identifier"),
                        params == null || params.isNull() ? null : params,
                        raw == null ? null : Base64.getDecoder().decode(raw));
                commands.add(new StoredCommand(text(n, "id", COMMANDS),
                        new DeviceId(text(n, "productKey", COMMANDS), text(n, "deviceKey", COMMANDS)), command,
                        Instant.parse(text(n, "queuedAt", COMMANDS)), Instant.parse(text(n, "expiresAt", COMMANDS)),
                        n.path("deliveries").asInt(0)));
            }
        }
        return new Snapshot(devices, commands);
    }

    /** Replaces {@code devices.json} with {@code devices}, atomically. */
    public void writeDevices(List<Device> devices) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("devices");
        for (Device d : devices) {
            ObjectNode n = list.addObject();
            n.put("productKey", d.id().productKey());
            n.put("deviceKey", d.id().deviceKey());
            n.put("deviceSecret", d.deviceSecret());
            n.put("assetId", d.assetId());
            n.put("activated", d.activated());
            n.put("secretFromActivation", d.secretFromActivation());
            n.put("origin", d.origin().name());
        }
        synchronized (devicesLock) {
            writeAtomically(dir.resolve(DEVICES), bytes(root));
        }
    }

    /** Replaces {@code commands.json} with the open commands, atomically. */
    public void writeCommands(List<CommandHandle> open) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("format", FORMAT);
        ArrayNode list = root.putArray("commands");
        for (CommandHandle h : open) {
            ObjectNode n = list.addObject();
            n.put("id", h.id());
            n.put("productKey", h.device().productKey());
            n.put("deviceKey", h.device().deviceKey());
            n.put("kind", h.command().kind().name());
            n.put("identifier", h.command().identifier());
            n.set("params", h.command().params());
            n.put("raw", h.command().raw() == null ? null : Base64.getEncoder().encodeToString(h.command().raw()));
            n.put("queuedAt", h.queuedAt().toString());
            n.put("expiresAt", h.expiresAt().toString());
            n.put("deliveries", h.deliveries());
        }
        synchronized (commandsLock) {
            writeAtomically(dir.resolve(COMMANDS), bytes(root));
        }
    }

    /**
     * Writes {@code content} to {@code target} so that a crash at any moment leaves the old or the
     * new content: temporary file, force, atomic rename, force the directory.
     */
    static void writeAtomically(Path target, byte[] content) {
        Path tmp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ownerOnly(tmp);
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new StateException("state file " + target + ": the file system cannot rename atomically", e);
            }
            try (FileChannel d = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException e) {
                // Some systems cannot open a directory for reading; the rename is done all the same.
            }
        } catch (IOException e) {
            throw new StateException("state file " + target + " cannot be written: " + e, e);
        }
    }

    private static void ownerOnly(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system
        }
    }

    private JsonNode readFile(String name) {
        Path file = dir.resolve(name);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (root == null || !root.isObject()) {
                throw new StateException("state file " + file + " is not a JSON object; move it away to start without it");
            }
            int format = root.path("format").asInt(-1);
            if (format != FORMAT) {
                throw new StateException("state file " + file + " has format " + format + "; this mock reads format "
                        + FORMAT);
            }
            return root;
        } catch (IOException e) {
            throw new StateException("state file " + file + " cannot be read: " + e.getMessage()
                    + "; move it away to start without it", e);
        }
    }

    private static Iterable<JsonNode> array(JsonNode root, String field, String file) {
        JsonNode a = root.get(field);
        if (a == null || !a.isArray()) {
            throw new StateException("state file " + file + ": \"" + field + "\" must be an array");
        }
        return a;
    }

    private static String text(JsonNode n, String field, String file) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual() || v.textValue().isEmpty()) {
            throw new StateException("state file " + file + ": an entry lacks \"" + field + "\"");
        }
        return v.textValue();
    }

    private static String optional(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static byte[] bytes(ObjectNode root) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (IOException e) {
            throw new StateException("cannot write state JSON: " + e.getMessage(), e);
        }
    }
}
