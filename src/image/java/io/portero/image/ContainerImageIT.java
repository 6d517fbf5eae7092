package io.portero.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built image read back from {@code target/portero-image.tar}: what a runtime would run, as
 * whom, on which port, with which files; then, where podman is installed, the image really started
 * against the local PostgreSQL until {@code /health/ready} says UP.
 */
class ContainerImageIT {

    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL|DB_URL|DATABASE_URL|DB_USER).*");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(420);

    private static ImageArchive image;
    private static JsonObject config;

    @BeforeAll
    static void readImage() throws IOException {
        image = ImageArchive.read(Path.of(System.getProperty("portero.image.tar")));
        config = image.containerConfig();
    }

    @Test
    void layersAreTheOnesTheConfigurationNames() {
        List<String> declared = image.diffIds().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        assertEquals(declared, image.layerDiffIds);
        assertEquals(
                List.of(System.getProperty("portero.image.name")),
                image.manifest.getJsonArray("RepoTags").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
    }

    @Test
    void runsAsAnUnprivilegedUserWhoseHomeIsTheWritableWorkingDirectory() {
        String user = config.getString("User");
        long uid = Long.parseLong(user.split(":")[0]);
        assertNotEquals(0, uid, "the image must not run as root");
        assertEquals(ImageBuilder.UID, uid);

        String passwd = new String(readFile("/etc/passwd"), StandardCharsets.US_ASCII);
        String home = config.getString("WorkingDir");
        assertTrue(
                passwd.lines().anyMatch(l -> l.startsWith("portero:x:" + uid + ":0:") && l.contains(":" + home + ":")),
                "/etc/passwd names the user and its home: " + passwd);
        ImageArchive.Entry homeDirectory = image.file(home);
        assertNotNull(homeDirectory, home + " exists");
        assertTrue(homeDirectory.directory());
        assertEquals(uid, homeDirectory.uid());
        assertEquals(0700, homeDirectory.mode() & 0700, "the user can write its home");
        assertEquals(0777, image.file("/tmp").mode() & 0777, "Java's temporary folder is writable");
    }

    @Test
    void startsPayaraMicroWithoutClusteringOnThePortFromTheEnvironment() {
        assertTrue(config.getJsonObject("ExposedPorts").containsKey(ImageBuilder.DEFAULT_PORT + "/tcp"));
        List<String> entrypoint = strings(config, "Entrypoint");
        assertEquals(List.of("/bin/sh", "-c"), entrypoint.subList(0, 2));
        String script = entrypoint.get(2);
        assertTrue(script.startsWith("exec java "), "java replaces the shell as PID 1: " + script);
        assertTrue(script.contains("--port \"${PORT:-8080}\""), script);
        assertTrue(script.contains(" --nocluster"), script);
        assertTrue(script.contains("-XX:MaxRAMPercentage="), "the heap follows the container's memory: " + script);
        assertTrue(script.contains(ImageBuilder.MEMORY_OPTIONS), "the heap share and collector measured: " + script);
        assertTrue(
                script.contains(ImageBuilder.JSON_PROVIDER_OPTION),
                "JSON-P's provider is named, not looked up per call: " + script);
        assertTrue(script.contains("--deploy " + ImageBuilder.WAR), script);
        assertTrue(script.contains("--contextroot / "), script);

        for (String executable : List.of("/bin/sh", "/opt/java/bin/java")) {
            ImageArchive.Entry file = image.file(executable);
            assertNotNull(file, executable + " is in the image");
            assertEquals(0111, file.mode() & 0111, executable + " is executable");
        }
        assertNotNull(image.file("/lib64/ld-linux-x86-64.so.2"), "the dynamic loader java needs");
    }

    @Test
    void bakesNoSecretOrDatabaseSettingIn() {
        for (String variable : strings(config, "Env")) {
            String name = variable.substring(0, variable.indexOf('='));
            assertFalse(SECRET_NAME.matcher(name).matches(), "baked into the image: " + variable);
            assertFalse(name.startsWith("PORTERO_"), "settings come from the runtime: " + variable);
        }
        for (String path : image.files.keySet()) {
            String name = path.substring(path.lastIndexOf('/') + 1);
            assertFalse(
                    name.equals(".env") || name.endsWith(".pem") || name.endsWith(".p12") || name.endsWith(".key"),
                    "a key or env file in the image: " + path);
        }
    }

    @Test
    void holdsTheBuiltWarPayaraMicroAndTheCommandFilesUnchanged() throws IOException {
        assertSameFile(Path.of("target/portero.war"), ImageBuilder.WAR);
        assertSameFile(Path.of(System.getProperty("portero.payara.jar")), ImageBuilder.PAYARA_JAR);
        Path serverConfig = Path.of(System.getProperty("portero.server-config"));
        for (String commands : List.of("pre-boot-commands.asadmin", "post-boot-commands.asadmin")) {
            assertSameFile(serverConfig.resolve(commands), ImageBuilder.CONFIG_DIR + "/" + commands);
        }
    }

    @Test
    void startsAgainstPostgresqlAndBecomesReady() throws Exception {
        Assumptions.assumeTrue(
                podman(Duration.ofSeconds(30), "--version").status == 0,
                "podman is not installed: the image was only checked, not run");
        boolean wasLoaded = podman(Duration.ofSeconds(30), "image", "exists", image.imageId).status == 0;
        Result load =
                podman(Duration.ofMinutes(5), "load", "--quiet", "--input", System.getProperty("portero.image.tar"));
        assertEquals(0, load.status, load.output);
        String name = "portero-image-check-" + UUID.randomUUID().toString().substring(0, 8);
        int port = freePort();
        List<String> run = new ArrayList<>(List.of("run", "--detach", "--name", name, "--network", "host"));
        run.addAll(Arrays.asList(
                System.getProperty("portero.image.podman-options", "").trim().split("\\s+")));
        run.removeIf(String::isEmpty);
        run.addAll(List.of(
                "--env",
                "PORT=" + port,
                "--env",
                "DATABASE_URL=" + databaseUrl(),
                "--env",
                "PORTERO_ADMIN_USERNAME=admin",
                "--env",
                "PORTERO_ADMIN_PASSWORD=image-check-admin-" + UUID.randomUUID(),
                image.imageId));
        try {
            Result started = podman(Duration.ofMinutes(2), run.toArray(String[]::new));
            assertEquals(0, started.status, started.output);
            String ready = awaitReady(name, port);
            assertTrue(ready.contains("\"status\":\"UP\""), ready);
            assertTrue(ready.contains("\"name\":\"database\""), "the database check answered: " + ready);

            // The server process itself (PID 1, exec'd by sh) runs as the image's user.
            Result uid = podman(
                    Duration.ofSeconds(30),
                    "exec",
                    name,
                    "/bin/sh",
                    "-c",
                    "while read k v r; do [ \"$k\" = Uid: ] && echo \"$v\"; done < /proc/1/status");
            assertEquals(String.valueOf(ImageBuilder.UID), uid.output.strip(), uid.output);
        } finally {
            podman(Duration.ofMinutes(1), "rm", "--force", "--time", "20", name);
            if (!wasLoaded) {
                podman(Duration.ofMinutes(1), "rmi", "--force", image.imageId);
            }
        }
    }

    private static String awaitReady(String container, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .timeout(Duration.ofSeconds(20))
                .build();
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        String last = "no answer";
        while (Instant.now().isBefore(deadline)) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
                last = response.statusCode() + " " + response.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Result state = podman(Duration.ofSeconds(30), "inspect", "--format", "{{.State.Running}}", container);
            if (!state.output.strip().equals("true")) {
                fail("the container stopped before it was ready:\n" + logs(container));
            }
            Thread.sleep(2000);
        }
        return fail("not ready within " + READY_TIMEOUT + " (last: " + last + "):\n" + logs(container));
    }

    private static String logs(String container) throws Exception {
        String all = podman(Duration.ofSeconds(30), "logs", container).output;
        return all.length() > 8000 ? all.substring(all.length() - 8000) : all;
    }

    /** The throwaway database as a platform's {@code DATABASE_URL} would name it. */
    private static String databaseUrl() {
        String url = System.getProperty("portero.image.db-url");
        // postgres://user:@host/db: no password configured (a trusted local connection).
        return url.replaceFirst("^(postgres://[^:@/]+):@", "$1@");
    }

    private static void assertSameFile(Path built, String inImage) throws IOException {
        assertTrue(Files.isRegularFile(built), built + " exists");
        ImageArchive.Entry entry = image.file(inImage);
        assertNotNull(entry, inImage + " is in the image");
        assertEquals(ImageArchive.sha256(built), entry.sha256(), inImage + " is " + built + " byte for byte");
    }

    private static byte[] readFile(String path) {
        ImageArchive.Entry entry = image.file(path);
        assertNotNull(entry, path + " is in the image");
        return image.contents(path);
    }

    private static List<String> strings(JsonObject object, String key) {
        return object.getJsonArray(key).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private record Result(int status, String output) {}

    private static Result podman(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("podman");
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("podman", ".log");
        try {
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
            } catch (IOException notInstalled) {
                return new Result(-1, notInstalled.toString());
            }
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-2, "timed out: " + command);
            }
            return new Result(process.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
