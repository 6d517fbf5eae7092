package io.portero.auth.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code signing_key}: a token signing key pair that Portero generated because none was
 * configured, kept in the database so a restart keeps every token valid and every node signs and
 * verifies with the same keys. Holds the keys in their stored encodings; the key that signs is
 * built from it at start-up.
 */
@Entity
@Table(name = "signing_key")
@NamedQuery(
        name = StoredSigningKey.FIND_CURRENT,
        query =
                "SELECT k FROM StoredSigningKey k WHERE k.retiredAt IS NULL AND k.algorithm = :algorithm ORDER BY k.generation DESC")
public class StoredSigningKey {

    public static final String FIND_CURRENT = "StoredSigningKey.findCurrent";

    @Id
    @Column(length = 64)
    private String kid;

    @Column(nullable = false)
    private int generation;

    @Column(nullable = false, length = 10)
    private String algorithm;

    /** Base64 of the X.509 SubjectPublicKeyInfo. */
    @Column(name = "public_key", nullable = false, length = 4096)
    private String publicKey;

    /** Base64 of the PKCS#8 private key. */
    @Column(name = "private_key", nullable = false, length = 4096)
    private String privateKey;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "retired_at")
    private Instant retiredAt;

    protected StoredSigningKey() {}

    public StoredSigningKey(
            String kid, int generation, String algorithm, String publicKey, String privateKey, Instant createdAt) {
        this.kid = kid;
        this.generation = generation;
        this.algorithm = algorithm;
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.createdAt = createdAt;
    }

    public String kid() {
        return kid;
    }

    public int generation() {
        return generation;
    }

    public String algorithm() {
        return algorithm;
    }

    public String publicKey() {
        return publicKey;
    }

    public String privateKey() {
        return privateKey;
    }

    @Override
    public String toString() {
        return "StoredSigningKey[" + kid + ", " + algorithm + "]";
    }
}
