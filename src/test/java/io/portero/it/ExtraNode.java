package io.portero.it;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another Payara Micro instance running the same WAR, started by a test beside the one Arquillian
 * manages: a second node of a cluster, or a node with a different environment.
 */
final class ExtraNode implements AutoCloseable {

    private final Process process;
    private final Api api;

    private ExtraNode(Process process, Api api) {
        this.process = process;
        this.api = api;
    }

    /** Starts a node with the test run's environment plus {@code environment}, and waits until the API answers. */
    static ExtraNode start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        File log = new File("target/it-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy", System.getProperty("portero.it.war", "target/portero.war"),
                "--contextroot", "/", "--port", Integer.toString(port), "--nocluster",
                "--postbootcommandfile", "server-config/post-boot-commands.asadmin")
                .redirectErrorStream(true)
                .redirectOutput(log);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ExtraNode node = new ExtraNode(process, new Api(new URL("http", "127.0.0.1", port, "/")));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            try {
                if (node.api.get("api/token/", null).status() == 405) {
                    return node;
                }
            } catch (java.io.UncheckedIOException notYet) {
                // still booting
            }
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                node.close();
                throw new AssertionError("node " + name + " did not start; see " + log);
            }
            Thread.sleep(1000);
        }
    }

    Api api() {
        return api;
    }

    @Override
    public void close() throws InterruptedException {
        api.close();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
