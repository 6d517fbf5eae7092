package io.portero.platform.http;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The client's IP address: the socket's, unless the socket is a proxy listed in
 * {@code portero.http.trusted-proxies}; then the right-most untrusted {@code X-Forwarded-For} entry.
 * Never longer than an IPv6 address.
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

    /**
     * The client's address as stored with its session: every {@code X-Forwarded-For} header line
     * read as one list (proxies that append a line of their own are common), and an IPv6 zone id
     * ({@code fe80::1%eth0}) dropped, since it only means something on the proxy's own host.
     */
    public String of(HttpServletRequest request) {
        Enumeration<String> lines = request.getHeaders("X-Forwarded-For");
        String forwarded = lines == null || !lines.hasMoreElements() ? null : String.join(",", Collections.list(lines));
        return withoutZone(proxies.clientAddress(withoutZone(request.getRemoteAddr()), forwarded));
    }

    /**
     * Whether the request's connection comes from a trusted proxy, whose headers about the original
     * request ({@code X-Forwarded-For}, {@code X-Forwarded-Uri}, ...) may be believed.
     */
    public boolean isTrustedProxy(HttpServletRequest request) {
        return proxies.isTrusted(withoutZone(request.getRemoteAddr()));
    }

    static String withoutZone(String address) {
        int zone = address == null ? -1 : address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
