package io.portero.auth.control;

import io.portero.auth.entity.StoredSigningKey;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.List;

/** Reads and creates the generated signing keys kept in the database. */
@ApplicationScoped
public class SigningKeyStore {

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    @Transactional
    public List<StoredSigningKey> current() {
        return em.createNamedQuery(StoredSigningKey.FIND_CURRENT, StoredSigningKey.class)
                .setParameter("algorithm", SigningKeys.ALGORITHM)
                .getResultList();
    }

    /** Stores a new key as the given generation; fails if another node stored that generation first. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void create(int generation, Clock clock) {
        KeyPair pair = SigningKeys.generate();
        Base64.Encoder base64 = Base64.getEncoder();
        em.persist(new StoredSigningKey(SigningKeys.thumbprint((RSAPublicKey) pair.getPublic()), generation, SigningKeys.ALGORITHM,
                base64.encodeToString(pair.getPublic().getEncoded()),
                base64.encodeToString(pair.getPrivate().getEncoded()), clock.instant()));
        em.flush();
    }
}
