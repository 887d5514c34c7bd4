package dev.enoscoap.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKey;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.core.server.resources.Resource;
import org.eclipse.californium.elements.config.CertificateAuthenticationMode;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The bare server the mock is compared with: Scandium DTLS 1.2 PSK with the same suites and the
 * same DTLS and CoAP settings as the mock, keys from the same registry file (read with the
 * streaming parser, no data binding), and one plain
 * resource that answers every POST under {@code /topic} with a small fixed JSON reply. No
 * journal, no parsing, no logging per request: the floor a CoAP/DTLS server on Californium costs.
 *
 * <p>Flags: {@code --port}, {@code --bind}, {@code --registry FILE} (default: the demo registry
 * on the class path), and the Californium settings of {@link ServerSettings}.
 */
final class BareServer {
    private static final byte[] REPLY = "{\"id\":\"1\",\"code\":200,\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    static void main(String[] args) throws Exception {
        UdpConfig.register();
        DtlsConfig.register();
        CoapConfig.register();
        int port = 5684;
        String bind = "0.0.0.0";
        String registry = null;
        ServerSettings settings = ServerSettings.DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                case "--registry" -> registry = args[++i];
                default -> {
                    if (!settings.isFlag(a)) {
                        throw new IllegalArgumentException("bare server: unknown flag " + a);
                    }
                    settings = settings.with(a, args[++i]);
                }
            }
        }
        Map<String, byte[]> keys = keys(registry);

        Configuration config = Configuration.createStandardWithoutFile();
        config.set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.SERVER_ONLY);
        config.set(DtlsConfig.DTLS_CLIENT_AUTHENTICATION_MODE, CertificateAuthenticationMode.NONE);
        config.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, false);
        config.setAsList(DtlsConfig.DTLS_CIPHER_SUITES, CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
                CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256);
        // The mock accepts block-wise bodies up to twice its payload limit (8 KiB by default).
        config.set(CoapConfig.MAX_RESOURCE_BODY_SIZE, 65_536);
        settings.applyTo(config);

        DtlsConnectorConfig dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress(bind, port))
                .setAdvancedPskStore(new MapPskStore(keys))
                .build();
        CoapServer server = new CoapServer(config);
        server.addEndpoint(CoapEndpoint.builder().setConnector(new DTLSConnector(dtls)).setConfiguration(config).build());
        server.add(new Topics());
        server.start();
        int actual = server.getEndpoints().get(0).getAddress().getPort();
        System.out.println("bare Californium listening on coaps://" + bind + ":" + actual + " (" + keys.size() + " keys)");
        System.out.flush();
        Thread.currentThread().join();
    }

    /** Every path under {@code /topic}: POST gets 2.04 and the fixed reply. */
    private static final class Topics extends CoapResource {
        Topics() {
            super("topic");
        }

        @Override
        public Resource getChild(String name) {
            return this;
        }

        @Override
        public void handlePOST(CoapExchange exchange) {
            exchange.respond(ResponseCode.CHANGED, REPLY, MediaTypeRegistry.APPLICATION_JSON);
        }
    }

    /**
     * {@code productKey,deviceKey,mode} to the PSK key, for SecureMode 2 (device secret) and 3
     * (product secret), read with Jackson's streaming parser, the least a server needs to read
     * the registry file.
     */
    private static Map<String, byte[]> keys(String registry) throws IOException {
        Object root;
        JsonFactory json = new JsonFactory();
        if (registry == null) {
            try (InputStream in = BareServer.class.getClassLoader().getResourceAsStream("enos-fixtures/registry/demo.json");
                    JsonParser parser = json.createParser(in)) {
                root = value(parser, parser.nextToken());
            }
        } else {
            try (JsonParser parser = json.createParser(Files.readAllBytes(Path.of(registry)))) {
                root = value(parser, parser.nextToken());
            }
        }
        Map<String, byte[]> keys = new HashMap<>();
        for (Object p : (List<?>) ((Map<?, ?>) root).get("products")) {
            Map<?, ?> product = (Map<?, ?>) p;
            String pk = (String) product.get("productKey");
            Object productSecret = product.get("productSecret");
            Object devices = product.get("devices");
            for (Object d : devices == null ? List.of() : (List<?>) devices) {
                Map<?, ?> device = (Map<?, ?>) d;
                String dk = (String) device.get("deviceKey");
                if (device.get("deviceSecret") instanceof String secret) {
                    keys.put(pk + "," + dk + ",2", derive(secret));
                }
                if (productSecret instanceof String secret) {
                    keys.put(pk + "," + dk + ",3", derive(secret));
                }
            }
        }
        return keys;
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> map = new HashMap<>();
                for (JsonToken t = parser.nextToken(); t == JsonToken.FIELD_NAME; t = parser.nextToken()) {
                    String name = parser.currentName();
                    map.put(name, value(parser, parser.nextToken()));
                }
                return map;
            }
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY && t != null; t = parser.nextToken()) {
                    list.add(value(parser, t));
                }
                return list;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            default -> {
                return null;
            }
        }
    }

    /** EC-6: bytes [8,24) of SHA-256(secret). */
    static byte[] derive(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOfRange(digest, 8, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Looks the key up by the first three fields of the identity; the lifetime is not checked. */
    private static final class MapPskStore implements AdvancedPskStore {
        private final Map<String, byte[]> keys;

        MapPskStore(Map<String, byte[]> keys) {
            this.keys = keys;
        }

        @Override
        public boolean hasEcdhePskSupported() {
            return false;
        }

        @Override
        public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName,
                PskPublicInformation identity, String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
                boolean useExtendedMasterSecret) {
            String text = identity.getPublicInfoAsString();
            int last = text.lastIndexOf(',');
            byte[] key = last < 0 ? null : keys.get(text.substring(0, last));
            return new PskSecretResult(cid, identity, key == null ? null : SecretUtil.create(key, "PSK"));
        }

        @Override
        public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
            return null;
        }

        @Override
        public void setResultHandler(HandshakeResultHandler resultHandler) {
            // answers synchronously
        }
    }
}
