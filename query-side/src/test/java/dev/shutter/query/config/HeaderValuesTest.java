package dev.shutter.query.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The firewall's loop accepts exactly the header values Spring Security's own pattern accepts. */
class HeaderValuesTest {

    private static final Pattern SPRING_SECURITY_RULE = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    @Test
    void acceptsWhatTheDefaultRuleAccepts() {
        for (String value : new String[] {
            "",
            "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl",
            "application/json; charset=UTF-8",
            "Zoë 😀 日本",
            "tab\tinside",
            "bell\u0007",
            "nul\u0000",
            "del\u007f",
            "c1\u0085control",
            "unassigned\u0378",
            "lone surrogate \ud800",
            "private use \ue000"
        }) {
            assertThat(SecurityConfig.allowedHeaderValue(value))
                    .as("%s", value)
                    .isEqualTo(SPRING_SECURITY_RULE.matcher(value).matches());
        }
    }

    @Test
    void judgesEveryCharacterAsTheDefaultRuleDoes() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            String value = "a" + c + "b";
            if (SecurityConfig.allowedHeaderValue(value)
                    != SPRING_SECURITY_RULE.matcher(value).matches()) {
                assertThat(SecurityConfig.allowedHeaderValue(value))
                        .as("U+%04X", (int) c)
                        .isEqualTo(SPRING_SECURITY_RULE.matcher(value).matches());
            }
        }
    }
}
