package io.portero.platform.http;

import com.google.common.net.InetAddresses;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
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

    /**
     * Whether the browser reached Portero over plain HTTP on the same machine ({@code
     * http://localhost:8080} on a developer's computer), the one case where a cookie cannot be
     * {@code Secure}. All three must hold: the scheme is {@code http} (the socket's, or every
     * {@code X-Forwarded-Proto} entry when the socket is a trusted proxy), the client address (as
     * {@link #of} finds it) is a loopback address, and the {@code Host} names the loopback
     * ({@code localhost}, {@code *.localhost}, {@code 127.0.0.0/8}, {@code [::1]}). The last
     * condition keeps {@code Secure} when an untrusted proxy on the same machine passes on a remote
     * browser's request for a public name.
     */
    public boolean isPlainHttpOnLoopback(HttpServletRequest request) {
        return isPlainHttp(request) && isLoopback(of(request)) && isLoopbackHost(request.getServerName());
    }

    private boolean isPlainHttp(HttpServletRequest request) {
        if (request.isSecure()) {
            return false;
        }
        Enumeration<String> lines = request.getHeaders("X-Forwarded-Proto");
        if (lines == null || !lines.hasMoreElements() || !isTrustedProxy(request)) {
            return "http".equalsIgnoreCase(request.getScheme());
        }
        List<String> schemes = List.of(String.join(",", Collections.list(lines)).split(",", -1));
        return schemes.stream().allMatch(scheme -> scheme.strip().equalsIgnoreCase("http"));
    }

    static boolean isLoopback(String address) {
        return address != null
                && InetAddresses.isInetAddress(address)
                && InetAddresses.forString(address).isLoopbackAddress();
    }

    static boolean isLoopbackHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.equals("localhost") || name.endsWith(".localhost") || isLoopback(name);
    }

    static String withoutZone(String address) {
        int zone = address == null ? -1 : address.indexOf('%');
        return zone < 0 ? address : address.substring(0, zone);
    }
}
