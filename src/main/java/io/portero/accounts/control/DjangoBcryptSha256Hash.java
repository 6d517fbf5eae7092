package io.portero.accounts.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

/**
 * Django's {@code BCryptSHA256PasswordHasher} row: {@code bcrypt_sha256$$2b$12$<22-character salt><31-character hash>}.
 * Django hashes the password with SHA-256 first and gives bcrypt the 64 lower-case hex digits (so
 * passwords longer than bcrypt's 72 bytes are not cut), then stores bcrypt's own modular string
 * after its algorithm name. Read and verified, never written. A cost above {@value #MAX_COST}
 * (2^16 rounds, some seconds of work) does not parse.
 */
record DjangoBcryptSha256Hash(String bcrypt) {

    static final int MAX_COST = 16;
    private static final String PREFIX = "bcrypt_sha256$";
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$(\\d\\d)\\$[./A-Za-z0-9]{53}");

    /** The stored form, or null when {@code encoded} is not a usable Django bcrypt_sha256 string. */
    static DjangoBcryptSha256Hash parse(String encoded) {
        if (encoded == null || !encoded.startsWith(PREFIX)) {
            return null;
        }
        String bcrypt = encoded.substring(PREFIX.length());
        Matcher matcher = BCRYPT.matcher(bcrypt);
        if (!matcher.matches()) {
            return null;
        }
        int cost = Integer.parseInt(matcher.group(1));
        return cost >= 4 && cost <= MAX_COST ? new DjangoBcryptSha256Hash(bcrypt) : null;
    }

    boolean matches(String password) {
        byte[] digest = sha256(password.getBytes(StandardCharsets.UTF_8));
        byte[] hex = HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
        return OpenBSDBCrypt.checkPassword(bcrypt, hex);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
