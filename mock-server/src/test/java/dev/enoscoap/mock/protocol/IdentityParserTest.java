package dev.enoscoap.mock.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.enoscoap.mock.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class IdentityParserTest {

    static Stream<Arguments> identities() {
        List<Arguments> args = new ArrayList<>();
        for (JsonNode v : Fixtures.json("vectors/psk-identities.json").get("identities")) {
            byte[] raw = v.has("identityHex") ? Fixtures.hex(v.get("identityHex").asText())
                    : v.get("identity").asText().getBytes(StandardCharsets.UTF_8);
            String label = v.get("note").asText();
            args.add(Arguments.of(label, raw, v));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identities")
    void parsesEveryFixtureIdentityAsExpected(String note, byte[] raw, JsonNode vector) {
        IdentityParseResult result = IdentityParser.parse(raw);

        if (vector.get("valid").asBoolean()) {
            JsonNode e = vector.get("expected");
            assertThat(result).isInstanceOf(IdentityParseResult.Valid.class);
            PskIdentity id = ((IdentityParseResult.Valid) result).identity();
            assertThat(id.productKey()).isEqualTo(e.get("productKey").asText());
            assertThat(id.deviceKey()).isEqualTo(e.get("deviceKey").asText());
            assertThat(id.secureMode().code()).isEqualTo(e.get("secureMode").asInt());
            assertThat(id.lifetimeSeconds()).isEqualTo(e.get("lifetime").asInt());
            assertThat(id.wireForm().getBytes(StandardCharsets.UTF_8)).isEqualTo(raw);
        } else {
            assertThat(result).isInstanceOf(IdentityParseResult.Invalid.class);
            IdentityParseResult.Invalid invalid = (IdentityParseResult.Invalid) result;
            assertThat(invalid.rule()).hasToString(vector.get("rule").asText());
            assertThat(invalid.message()).contains(invalid.rule().name()).contains(invalid.rule().clause());
        }
    }

    @Test
    void fixtureCoversEveryRuleAndTheRequiredCases() {
        JsonNode all = Fixtures.json("vectors/psk-identities.json").get("identities");
        List<String> rules = new ArrayList<>();
        List<String> identities = new ArrayList<>();
        all.forEach(v -> {
            if (v.has("rule")) {
                rules.add(v.get("rule").asText());
            }
            if (v.has("identity")) {
                identities.add(v.get("identity").asText());
            }
        });
        assertThat(all.size()).isGreaterThanOrEqualTo(40);
        for (IdentityRule rule : IdentityRule.values()) {
            assertThat(rules).as("a vector for %s", rule).contains(rule.name());
        }
        assertThat(identities).contains("pk,dk,2,29", "pk,dk,2,30", "pk,dk,2,86400", "pk,dk,2,86401", "pk,dk,2,0",
                "pk,dk,2,-1", "pk,dk,2,030", "pk,dk,2,+30", "pk,dk,2,3e1", "pk,dk,2,2147483648", "pk,dk,1,60",
                "pk,dk,4,60", "pk,dk,02,60", "pk,dk,2", "pk,dk,2,60,extra", ",dk,2,60", "pk,,2,60");
    }

    @Test
    void rejectionNamesTheOffendingFieldAndTheClause() {
        var result = (IdentityParseResult.Invalid) IdentityParser.parse("pk,dk,2,86401");
        assertThat(result.message())
                .isEqualTo("PSK identity 'pk,dk,2,86401' breaks LIFETIME_OUT_OF_RANGE: field 4 is 86401 s; "
                        + "Lifetime must be 30..86400 seconds (EC-7)");
    }

    @Test
    void hugeLifetimeDoesNotOverflow() {
        var result = IdentityParser.parse("pk,dk,2,99999999999999999999999999999999999");
        assertThat(result).isInstanceOfSatisfying(IdentityParseResult.Invalid.class,
                i -> assertThat(i.rule()).isEqualTo(IdentityRule.LIFETIME_OUT_OF_RANGE));
    }

    @Test
    void invalidUtf8IsReportedWithItsBytes() {
        var result = (IdentityParseResult.Invalid) IdentityParser.parse(new byte[] {'p', ',', (byte) 0xff, ',', '2', ',', '6', '0'});
        assertThat(result.rule()).isEqualTo(IdentityRule.NOT_UTF8);
        assertThat(result.detail()).contains("2cff2c");
    }

    @Test
    void longIdentityIsAbbreviatedInMessages() {
        String identity = "pk," + "d".repeat(4096) + ",2,60";
        var result = (IdentityParseResult.Invalid) IdentityParser.parse(identity);
        assertThat(result.rule()).isEqualTo(IdentityRule.TOO_LONG);
        assertThat(result.message()).hasSizeLessThan(400).contains("4104 bytes");
    }
}
