package io.portero.platform.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's IP address: the socket's, unless the socket is a proxy listed in
 * {@code portero.http.trusted-proxies}; then the right-most untrusted {@code X-Forwarded-For} entry.
 */
@ApplicationScoped
public class ClientAddresses {

    @Inject
    @ConfigProperty(name = "portero.http.trusted-proxies")
    Optional<String> trustedProxies;

    private TrustedProxies proxies;

    @PostConstruct
    void init() {
        proxies = TrustedProxies.parse(trustedProxies.orElse(""));
    }

    public String of(HttpServletRequest request) {
        return proxies.clientAddress(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }
}
