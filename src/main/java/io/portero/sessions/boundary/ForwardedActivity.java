package io.portero.sessions.boundary;

import io.portero.platform.http.ClientAddresses;
import io.portero.sessions.control.SessionSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Whether a forward-auth check is about a passive original request: the check comes from a trusted
 * proxy and names, in {@link #ORIGINAL_METHOD_HEADERS} and {@link #ORIGINAL_URI_HEADERS}, a request
 * on one of {@code portero.forward-auth.passive-paths}. Such a check admits the session without
 * recording activity. One rule for the activity filter and for forward-auth's shortcut.
 */
@ApplicationScoped
public class ForwardedActivity {

    /** Where proxies name the original request: Traefik's headers first, then nginx's usual ones. */
    static final List<String> ORIGINAL_URI_HEADERS = List.of("X-Forwarded-Uri", "X-Original-URI");

    static final List<String> ORIGINAL_METHOD_HEADERS = List.of("X-Forwarded-Method", "X-Original-Method");

    @Inject
    SessionSettings settings;

    @Inject
    ClientAddresses clientAddresses;

    /** @param header reads the check's request headers by name (null when absent) */
    public boolean isPassive(HttpServletRequest http, UnaryOperator<String> header) {
        return !settings.passivePaths().isEmpty()
                && clientAddresses.isTrustedProxy(http)
                && settings.passivePaths()
                        .matches(first(header, ORIGINAL_METHOD_HEADERS), first(header, ORIGINAL_URI_HEADERS));
    }

    private static String first(UnaryOperator<String> header, List<String> names) {
        for (String name : names) {
            String value = header.apply(name);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
