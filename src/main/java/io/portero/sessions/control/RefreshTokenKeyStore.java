package io.portero.sessions.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;

/** The refresh-token MAC key in the database: one row, inserted by the first node that needs it. */
@ApplicationScoped
public class RefreshTokenKeyStore {

    private static final int ROW = 1;

    @PersistenceContext(unitName = "portero")
    EntityManager em;

    /**
     * The stored key, creating it if there is none. In a transaction of its own, so that a caller's
     * rollback (a refused login) never leaves a node holding a key the database does not; two nodes
     * creating it at once both read the one that was inserted first.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public byte[] loadOrCreate() {
        em.createNativeQuery("INSERT INTO refresh_token_key (id, secret, created_at) VALUES (?1, ?2, ?3) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, ROW)
                .setParameter(2, HexFormat.of().formatHex(RefreshTokens.newKey()))
                .setParameter(3, Clock.systemUTC().instant().atOffset(ZoneOffset.UTC))
                .executeUpdate();
        List<?> rows = em.createNativeQuery("SELECT secret FROM refresh_token_key WHERE id = ?1")
                .setParameter(1, ROW)
                .getResultList();
        return HexFormat.of().parseHex((String) rows.get(0));
    }
}
