package io.portero.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Payara Micro instances sharing one PostgreSQL database, as in a cluster behind a load
 * balancer: Arquillian boots the first, the test boots the second from the same WAR (no
 * clustering between them: the database is all they share).
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
        assertEquals(200, nodeA.get("api/me", onB.access()).status(), "a token signed by one node verifies on the other");
        assertEquals(204, nodeA.post("api/logout/", "{\"refresh\":\"" + onB.refresh() + "\"}", null).status());
        Api.Reply afterLogout = nodeB.get("api/me", onB.access());
        assertEquals(401, afterLogout.status(), "a logout on one node is seen at once by the other");
        assertEquals("session_ended", afterLogout.code());

        String racer = nodeA.createUser(nodeA.adminToken(), Api.uniqueName("tworace"));
        int attempts = 20;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Api node = i % 2 == 0 ? nodeA : nodeB;
                results.add(pool.submit(() -> {
                    start.await();
                    return node.loginReply(racer, Api.PASSWORD, null).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get(120, TimeUnit.SECONDS));
            }
            Map<Integer, Long> counts = statuses.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Map.of(200, 2L, 409, 18L), counts);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, Db.liveRows(racer));
        assertTrue(Db.count("SELECT COUNT(*) FROM signing_key") == 1, "both nodes use the one generated key");
    }
}
