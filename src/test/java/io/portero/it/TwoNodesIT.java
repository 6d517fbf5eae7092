package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances sharing one PostgreSQL database, as in a cluster behind a load
 * balancer: Arquillian boots the first, the test boots the second from the same WAR (no
 * clustering between them: the database is all they share).
 *
 * <p>Payara-only (not in the WildFly executions): the second node is a Payara Micro process
 * started by the test ({@link ExtraNode}).
 */
class TwoNodesIT extends IntegrationTest {

    Api nodeA;
    Api nodeB;
    ExtraNode second;

    @BeforeEach
    void startSecondNode() throws Exception {
        nodeA = api;
        second = ExtraNode.start("second-node", Map.of());
        nodeB = second.api();
    }

    @AfterEach
    void stopSecondNode() throws Exception {
        if (second != null) {
            second.close();
        }
    }

    @Test
    void nodesShareKeysLimitsAndLogouts() throws Exception {
        String user = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("twonodes"));
        nodeA.close();

        Api.Login onB = nodeB.login(user, Api.PASSWORD);
        assertEquals(
                200, nodeA.get("api/me", onB.access()).status(), "a token signed by one node verifies on the other");
        assertEquals(
                204,
                nodeA.post("api/logout/", "{\"refresh\":\"" + onB.refresh() + "\"}", null)
                        .status());
        Api.Reply afterLogout = nodeB.get("api/me", onB.access());
        assertEquals(401, afterLogout.status(), "a logout on one node is seen at once by the other");
        assertEquals("session_ended", afterLogout.code());

        String racer = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("tworace"));
        assertEquals(Map.of(200, 2L, 409, 18L), LoginRace.run(List.of(nodeA, nodeB), racer, 20));
        assertEquals(2, Db.liveRows(racer));
        assertEquals(1, Db.count("SELECT COUNT(*) FROM signing_key"), "both nodes use the one generated key");
    }
}
