package io.portero.it;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Another server running the same WAR, started by a test beside the one Arquillian manages (Payara
 * Micro, or WildFly in the WildFly executions): a second node of a cluster, or a node with a
 * different environment. A node can be killed as a crash would ({@link #kill()}) and started again
 * on the same database ({@link #restart()}). Each boot keeps its temporary files (Payara's runtime
 * folder, about 120 MB, or WildFly's server folder) in {@code target/it-NAME-tmp}, not in the
 * shared system temporary folder; Payara deletes it when it stops, and {@link #kill()} does after
 * a kill.
 */
final class ExtraNode implements AutoCloseable {

    /** The exit status of a JVM ended by SIGKILL: 128 + signal 9. */
    static final int KILLED = 137;

    private final String name;
    private final Map<String, String> environment;
    private final int boot;
    private final File temporary;
    private final Process process;
    private final Api api;

    private ExtraNode(
            String name, Map<String, String> environment, int boot, File temporary, Process process, Api api) {
        this.name = name;
        this.environment = environment;
        this.boot = boot;
        this.temporary = temporary;
        this.process = process;
        this.api = api;
    }

    /** Starts a node with the test run's environment plus {@code environment}, and waits until the API answers. */
    static ExtraNode start(String name, Map<String, String> environment) throws IOException, InterruptedException {
        return start(name, environment, 1);
    }

    private static ExtraNode start(String name, Map<String, String> environment, int boot)
            throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String label = boot == 1 ? name : name + "-boot" + boot;
        File log = new File("target/it-" + label + ".log");
        File temporary = new File("target/it-" + label + "-tmp");
        if (!temporary.isDirectory() && !temporary.mkdirs()) {
            throw new IOException("cannot create " + temporary);
        }
        boolean wildFly = "wildfly".equals(System.getProperty("portero.it.server"));
        ProcessBuilder builder;
        URI management = null;
        if (wildFly) {
            int managementPort;
            try (ServerSocket socket = new ServerSocket(0)) {
                managementPort = socket.getLocalPort();
            }
            builder = wildFly(temporary, port, managementPort);
            management = URI.create("http://127.0.0.1:" + managementPort + "/");
        } else {
            builder = payaraMicro(temporary, port);
        }
        builder.redirectErrorStream(true).redirectOutput(log);
        // The Arquillian-managed servers run without a warm-up (pom.xml); an extra node knows its port and warms up.
        builder.environment().remove("PORTERO_WARM_UP_REQUESTS");
        builder.environment().put("PORTERO_WARM_UP_URL", "http://127.0.0.1:" + port);
        builder.environment().putAll(environment);
        Process process = builder.start();
        ExtraNode node = new ExtraNode(
                name,
                environment,
                boot,
                temporary,
                process,
                new Api(new URL("http", "127.0.0.1", port, "/"), management));
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (true) {
            try {
                if (node.api.get("api/token/", null).status() == 405 && node.warmedUp()) {
                    return node;
                }
            } catch (UncheckedIOException notYet) {
                // still booting
            }
            if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                node.close();
                throw new AssertionError("node " + label + " did not start; see " + log);
            }
            Thread.sleep(1000);
        }
    }

    /**
     * Whether the node's warm-up (decision 0024) has ended, as its readiness probe reports it: the
     * node warms itself at its own address, so tests start on a node as warm as production's.
     */
    private boolean warmedUp() {
        Api.Reply ready = api.health("health/ready");
        if (ready.status() != 200 && ready.status() != 503) {
            return false;
        }
        try {
            return ready.json().getJsonArray("checks").stream()
                    .map(JsonValue::asJsonObject)
                    .anyMatch(check ->
                            "warm-up".equals(check.getString("name")) && "UP".equals(check.getString("status")));
        } catch (RuntimeException notYetAReport) {
            return false;
        }
    }

    /** The readiness probe's report on the node's warm-up. */
    JsonObject warmUp() {
        return api.health("health/ready").json().getJsonArray("checks").stream()
                .map(JsonValue::asJsonObject)
                .filter(check -> "warm-up".equals(check.getString("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no warm-up check in /health/ready"));
    }

    private static ProcessBuilder payaraMicro(File temporary, int port) {
        return new ProcessBuilder(
                System.getProperty("java.home") + "/bin/java",
                "-Djava.io.tmpdir=" + temporary.getAbsolutePath(),
                "-jar",
                System.getProperty("payara.microJar", "target/payara-micro.jar"),
                "--deploy",
                System.getProperty("portero.it.war", "target/portero.war"),
                "--contextroot",
                "/",
                "--port",
                Integer.toString(port),
                "--nocluster",
                "--prebootcommandfile",
                "server-config/pre-boot-commands.asadmin",
                "--postbootcommandfile",
                "server-config/post-boot-commands.asadmin");
    }

    /**
     * A second WildFly from the one unpacked and configured for the tests, with a server folder of
     * its own in {@code temporary} (configuration copied, the WAR in its deployment folder). Its
     * socket bindings are shifted by the execution's port offset plus 37, away from the server
     * Arquillian manages; the HTTP ({@code PORT}) and management ports are set so that, shifted,
     * they land on {@code port} and {@code managementPort}. The script runs WildFly in the
     * background and passes a SIGTERM on, so {@link #close()} stops the JVM too.
     */
    private static ProcessBuilder wildFly(File temporary, int port, int managementPort) throws IOException {
        Path home = Path.of(System.getProperty("portero.it.wildfly.home"));
        Path base = temporary.toPath().toAbsolutePath();
        Path configuration = base.resolve("configuration");
        Files.createDirectories(configuration);
        try (Stream<Path> files = Files.list(home.resolve("standalone/configuration"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, configuration.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path deployments = Files.createDirectories(base.resolve("deployments"));
        Files.copy(
                Path.of(System.getProperty("portero.it.war", "target/portero.war")),
                deployments.resolve("portero.war"),
                StandardCopyOption.REPLACE_EXISTING);
        int offset = Integer.getInteger("portero.it.wildfly.port-offset", 20000) + 37;
        ProcessBuilder builder = new ProcessBuilder(
                "sh",
                home.resolve("bin/standalone.sh").toString(),
                "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + offset,
                "-Djboss.management.http.port=" + (managementPort - offset),
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        builder.environment().put("PORT", Integer.toString(port - offset));
        return builder;
    }

    Api api() {
        return api;
    }

    /**
     * Kills the node as a crash or an out-of-memory killer would: SIGKILL, so no shutdown hook
     * runs and no open transaction commits. {@link Process#destroyForcibly()} sends SIGKILL on Linux
     * (and on macOS); the JVM exits with {@link #KILLED}. Payara Micro runs in this one JVM, but any
     * process it started is killed first so nothing keeps serving. Answers once the process is
     * gone, with its exit status, after deleting the runtime folder it left behind.
     */
    int kill() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("node " + name + " still running 30 s after SIGKILL");
        }
        for (ProcessHandle child : children) {
            child.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        }
        deleteTree(temporary.toPath());
        return process.exitValue();
    }

    /** What a killed node leaves in its temporary folder: Payara's runtime, which it no longer uses. */
    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("[ExtraNode] could not delete " + root + ": " + e);
        }
    }

    /**
     * Starts a new node of the same name and environment on the same database, as an operator or
     * an orchestrator would after a crash (a new port, a fresh Payara runtime); this node must
     * have stopped. Its log is {@code target/it-NAME-bootN.log}.
     */
    ExtraNode restart() throws IOException, InterruptedException {
        if (process.isAlive()) {
            throw new IllegalStateException("node " + name + " is still running: kill or close it first");
        }
        api.close();
        return start(name, environment, boot + 1);
    }

    @Override
    public void close() throws InterruptedException {
        api.close();
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
