package dev.enoscoap.conformance.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The page template: fragments, escaped text, inserted HTML, and errors for what is missing. */
class TemplateTest {
    private final Template t = Template.parse("test", """
            <!--# page -->
            <p title="{{title}}">{{{body}}}</p>
            <!--# item -->
            <li>{{text}}</li>
            """);

    @Test
    void textIsEscapedAndHtmlInsertedAsItIsWithoutRescanning() {
        String item = t.render("item", new Template.Values().text("text", "<b>{{title}}</b> & \u001B"));
        assertThat(item).isEqualTo("<li>&lt;b&gt;{{title}}&lt;/b&gt; &amp; \u241B</li>");
        assertThat(t.render("page", new Template.Values().text("title", "\"x\"").html("body", item)))
                .isEqualTo("<p title=\"&quot;x&quot;\"><li>&lt;b&gt;{{title}}&lt;/b&gt; &amp; \u241B</li></p>");
    }

    @Test
    void aMissingValueOrFragmentIsAnError() {
        assertThatThrownBy(() -> t.render("page", new Template.Values().text("title", "x")))
                .hasMessageContaining("needs HTML for {{{body}}}");
        assertThatThrownBy(() -> t.render("item", new Template.Values().html("text", "x")))
                .hasMessageContaining("needs a value for {{text}}");
        assertThatThrownBy(() -> t.render("nope", new Template.Values())).hasMessageContaining("has no fragment nope");
    }

    @Test
    void theReportTemplateHasEveryFragmentThePageUses() {
        assertThat(Template.load(HtmlReport.TEMPLATE).names()).containsExactlyInAnyOrder("page", "meta", "count",
                "chip", "section", "head", "root", "none", "stopped", "link", "consequence", "other", "note", "headline",
                "details", "block", "named-block");
    }
}
