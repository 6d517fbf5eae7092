package io.portero.auth.control;

import io.portero.auth.entity.StoredSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;

/** Reads and creates the generated token signing keys kept in the database ({@code signing_key}). */
@ApplicationScoped
public class SigningKeyStore {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    @Transactional
    public List<StoredSigningKey> current() {
        return em.createNamedQuery(StoredSigningKey.FIND_CURRENT, StoredSigningKey.class)
                .setParameter("algorithm", TokenSigningKey.ALGORITHM.getName())
                .getResultList();
    }

    /** Stores a new key as the given generation; fails if another node stored that generation first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(int generation, Clock clock) {
        TokenSigningKey key = TokenSigningKey.generate();
        em.persist(new StoredSigningKey(
                key.kid(),
                generation,
                TokenSigningKey.ALGORITHM.getName(),
                KeyEncodings.base64(key.publicKey()),
                KeyEncodings.base64(key.privateKey()),
                clock.instant()));
        em.flush();
    }
}
