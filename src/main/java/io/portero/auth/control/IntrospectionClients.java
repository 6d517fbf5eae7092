package io.portero.auth.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The clients allowed to introspect tokens, configured as {@code name:secret} pairs separated by
 * commas in {@code portero.introspection.clients} (from the environment only). A secret is kept as
 * its SHA-256 and compared in constant time, over digests of equal length, so neither its content
 * nor its length shows in the time an answer takes; an unknown name costs the same comparison.
 * With no clients configured nobody may introspect.
 */
@ApplicationScoped
public class IntrospectionClients {

    private static final Logger LOG = Logger.getLogger(IntrospectionClients.class.getName());
    private static final String BASIC = "basic ";

    @Inject
    @ConfigProperty(name = "portero.introspection.clients")
    Optional<String> configured;

    private Map<String, byte[]> secretDigests = Map.of();

    /** The clients of a configuration value; entries that are not {@code name:secret} are skipped and logged. */
    public static IntrospectionClients of(String value) {
        IntrospectionClients clients = new IntrospectionClients();
        clients.configured = Optional.ofNullable(value);
        clients.load();
        return clients;
    }

    @PostConstruct
    void load() {
        Map<String, byte[]> digests = new HashMap<>();
        String[] entries = configured.orElse("").split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                int position = i + 1;
                LOG.warning(() ->
                        "portero.introspection.clients: entry " + position + " is not name:secret and is ignored");
                continue;
            }
            digests.put(entry.substring(0, colon), sha256(entry.substring(colon + 1)));
        }
        secretDigests = Map.copyOf(digests);
        LOG.info(() -> secretDigests.isEmpty()
                ? "No introspection clients configured: token introspection refuses every caller"
                : secretDigests.size() + " introspection client(s) configured");
    }

    /** Whether these are the credentials of a configured client. */
    public boolean authenticate(String name, String secret) {
        if (name == null || secret == null) {
            return false;
        }
        byte[] expected = secretDigests.get(name);
        boolean known = expected != null;
        boolean matches = MessageDigest.isEqual(known ? expected : sha256(""), sha256(secret));
        return known && matches;
    }

    /**
     * Whether an {@code Authorization} header carries HTTP Basic credentials (RFC 7617, UTF-8) of a
     * configured client.
     */
    public boolean authenticateBasic(String authorization) {
        if (authorization == null
                || authorization.length() <= BASIC.length()
                || !authorization.regionMatches(true, 0, BASIC, 0, BASIC.length())) {
            return false;
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder()
                            .decode(authorization.substring(BASIC.length()).strip()),
                    StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        int colon = decoded.indexOf(':');
        return colon > 0 && authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
