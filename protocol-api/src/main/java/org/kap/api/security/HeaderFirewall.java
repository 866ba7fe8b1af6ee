package org.kap.api.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.function.Predicate;

/**
 * Spring Security's strict firewall, with its checks of header names, header values and parameter names written as a
 * loop over the text's code points instead of a regular expression. The firewall checks a header each time it is
 * read, and a request's headers are read many times on its way through the filters and Spring MVC: the expressions
 * built a matcher for every read: some 2.5% of what the engine allocated under load, and the firewall's share of
 * its CPU fell from 3.4% to 1.1% without them (docs/benchmarks.md).
 * The rules are Spring's, unchanged (a test holds each predicate to Spring's for every code point): a character must
 * be assigned in Unicode and not a control character, a header value may also hold tabs; every other check of the
 * strict firewall (paths, methods, encoded characters, host names) is Spring's own.
 */
@Configuration(proxyBeanMethods = false)
class HeaderFirewall {

    /** Spring's {@link StrictHttpFirewall#ALLOWED_HEADER_NAMES} and {@link StrictHttpFirewall#ALLOWED_PARAMETER_NAMES}. */
    static final Predicate<String> ASSIGNED_NOT_CONTROL = text -> allowed(text, false);

    /** Spring's {@link StrictHttpFirewall#ALLOWED_HEADER_VALUES}: a tab is allowed too. */
    static final Predicate<String> ASSIGNED_NOT_CONTROL_OR_TAB = text -> allowed(text, true);

    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(ASSIGNED_NOT_CONTROL);
        firewall.setAllowedHeaderValues(ASSIGNED_NOT_CONTROL_OR_TAB);
        firewall.setAllowedParameterNames(ASSIGNED_NOT_CONTROL);
        return firewall;
    }

    private static boolean allowed(String text, boolean tab) {
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            // printable ASCII, nearly every header's every character, is assigned and not a control character
            if (codePoint < 0x20 || codePoint > 0x7e) {
                int type = Character.getType(codePoint);
                if (type == Character.UNASSIGNED || type == Character.CONTROL && !(tab && codePoint == '\t')) {
                    return false;
                }
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
