package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PskKeysTest {

    static Stream<Arguments> vectors() {
        List<Arguments> args = new ArrayList<>();
        for (JsonNode v : Fixtures.json("vectors/psk-keys.json").get("vectors")) {
            args.add(Arguments.of(v.get("name").asText(), v));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void derivesBytes8To24OfSha256(String name, JsonNode v) {
        String secret = v.get("secret").asText();
        assertThat(HexFormat.of().formatHex(secret.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(v.get("secretUtf8Hex").asText());
        assertThat(PskKeys.deriveHex(secret)).isEqualTo(v.get("key").asText());
        assertThat(HexFormat.of().formatHex(PskKeys.sha256(secret.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(v.get("sha256").asText());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void matchesNoneOfTheWrongReadings(String name, JsonNode v) {
        byte[] key = PskKeys.derive(v.get("secret").asText());
        v.get("wrong").fields().forEachRemaining(wrong ->
                assertThat(key).as(wrong.getKey()).isNotEqualTo(Fixtures.hex(wrong.getValue().asText())));
    }

    @Test
    void documentedExamples() {
        assertThat(PskKeys.deriveHex("abc")).isEqualTo("414140de5dae2223b00361a396177a9c");
        assertThat(PskKeys.deriveHex("abcdefg")).isEqualTo("f5b79b5fb0803061152a44f92b37e23c");
        assertThat(PskKeys.derive("abc")).hasSize(16);
    }

    @Test
    void fixtureHasTheRequiredKinds() {
        JsonNode vectors = Fixtures.json("vectors/psk-keys.json").get("vectors");
        List<String> secrets = new ArrayList<>();
        vectors.forEach(v -> secrets.add(v.get("secret").asText()));
        assertThat(vectors.size()).isGreaterThanOrEqualTo(20);
        assertThat(secrets).contains("abc", "abcdefg", "");
        assertThat(secrets).anyMatch(s -> s.getBytes(StandardCharsets.UTF_8).length >= 1024);
        assertThat(secrets).anyMatch(s -> s.chars().anyMatch(c -> c > 127));
        vectors.forEach(v -> assertThat(v.get("wrong").fieldNames()).toIterable()
                .contains("offset9to25", "first16", "wholeDigest", "hexCharacters", "sha1First16", "md5"));
    }

    @Test
    void fingerprintIsShortAndRevealsNothingOfTheKey() {
        byte[] key = PskKeys.derive("abc");
        String fp = PskKeys.fingerprint(key);
        assertThat(fp).hasSize(4);
        assertThat(PskKeys.deriveHex("abc")).doesNotContain(fp);
    }
}
