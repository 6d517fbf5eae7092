package io.portero.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds Portero's container image without a daemon and without any container registry (decision
 * 0015): an image from {@code scratch} whose layers are, bottom to top, a minimal Debian user land
 * (the C library, libstdc++, zlib and dash, unpacked from Debian's packages), a Java runtime made
 * with {@code jlink} from the build's JDK, Payara Micro's jar, the asadmin command files, and the
 * WAR. Written as a {@code docker load}/{@code podman load} archive by Jib.
 *
 * <p>Arguments: project directory, build directory, image name with tag.
 */
public final class ImageBuilder {

    /** The user the server runs as; group 0 so that a platform's arbitrary user id can still write. */
    public static final int UID = 10001;

    public static final String USER = UID + ":0";
    public static final String HOME = "/home/portero";
    public static final String JAVA_HOME = "/opt/java";
    public static final String PAYARA_JAR = "/opt/payara/payara-micro.jar";
    public static final String WAR = "/opt/payara/deployments/portero.war";
    public static final String CONFIG_DIR = "/opt/payara/config";
    public static final int DEFAULT_PORT = 8080;

    /** Debian packages whose files make the image's user land: what the JVM and sh link against. */
    static final List<String> DEBIAN_PACKAGES =
            List.of("libc6", "libgcc-s1", "libstdc++6", "gcc-12-base", "zlib1g", "dash");

    /** Package files the image does not need (the copyright files stay). */
    private static final List<String> PRUNED =
            List.of("usr/share/man", "usr/share/locale", "usr/share/info", "usr/share/lintian", "usr/share/doc-base");

    /**
     * Names the JSON-P implementation Payara Micro ships, so that {@code JsonProvider.provider()}
     * loads it once instead of scanning the class path for a service on every call (MP-JWT parses
     * every token's JSON that way: ≈ 20 % of an authenticated read's CPU, docs/performance.md).
     */
    static final String JSON_PROVIDER_OPTION = "-Djakarta.json.provider=org.eclipse.parsson.JsonProviderImpl";

    /**
     * The heap as a share of the container's memory, and the serial collector: with the recommended
     * 640 MiB limit the heap is 160 MiB, the size that kept the server under 512 MiB resident with
     * 10,000 live sessions (docs/performance.md, issue 8). A small container would pick the serial
     * collector anyway; naming it makes every size behave alike.
     */
    static final String MEMORY_OPTIONS = "-XX:MaxRAMPercentage=25 -XX:+UseSerialGC";

    /**
     * How the server starts: sh only expands {@code PORT} and {@code JVM_ARGS}, then {@code exec}
     * hands PID 1 to Java so it gets SIGTERM. Arguments given to the container are added to Payara
     * Micro's own options.
     */
    static final String START_SCRIPT = "exec java " + MEMORY_OPTIONS + " -XX:+ExitOnOutOfMemoryError "
            + JSON_PROVIDER_OPTION + " ${JVM_ARGS}"
            + " -jar " + PAYARA_JAR
            + " --deploy " + WAR
            + " --contextroot /"
            + " --port \"${PORT:-" + DEFAULT_PORT + "}\""
            + " --nocluster"
            + " --prebootcommandfile " + CONFIG_DIR + "/pre-boot-commands.asadmin"
            + " --postbootcommandfile " + CONFIG_DIR + "/post-boot-commands.asadmin"
            + " \"$@\"";

    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");

    private final Path project;
    private final Path build;
    private final Path work;

    private ImageBuilder(Path project, Path build) {
        this.project = project;
        this.build = build;
        this.work = build.resolve("image");
    }

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        Path build = Path.of(args[1]).toAbsolutePath();
        String name = args[2];
        new ImageBuilder(project, build).build(name);
    }

    private void build(String name) throws Exception {
        Instant started = Instant.now();
        Path war = existing(build.resolve("portero.war"));
        Path payaraJar = existing(build.resolve("payara-micro.jar"));
        deleteRecursively(work);
        Files.createDirectories(work);

        Path userLand = unpackDebianPackages();
        log("user land from Debian packages " + DEBIAN_PACKAGES + " in " + since(started));
        Path jre = linkJavaRuntime();
        log("Java runtime from jlink in " + since(started));
        Path etc = writeAccounts();

        JibContainerBuilder image = Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .addFileEntriesLayer(userLandLayer(userLand, etc))
                .addFileEntriesLayer(treeLayer("java-runtime", jre, AbsoluteUnixPath.get(JAVA_HOME)))
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .setName("payara-micro")
                        .addEntry(payaraJar, AbsoluteUnixPath.get(PAYARA_JAR), READABLE)
                        .build())
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .setName("server-config")
                        .addEntry(
                                existing(project.resolve("server-config/pre-boot-commands.asadmin")),
                                AbsoluteUnixPath.get(CONFIG_DIR + "/pre-boot-commands.asadmin"),
                                READABLE)
                        .addEntry(
                                existing(project.resolve("server-config/post-boot-commands.asadmin")),
                                AbsoluteUnixPath.get(CONFIG_DIR + "/post-boot-commands.asadmin"),
                                READABLE)
                        .build())
                .addFileEntriesLayer(FileEntriesLayer.builder()
                        .setName("application")
                        .addEntry(war, AbsoluteUnixPath.get(WAR), READABLE)
                        .build())
                .setEntrypoint(List.of("/bin/sh", "-c", START_SCRIPT, "portero"))
                .setProgramArguments(List.of())
                .setEnvironment(environment())
                .setExposedPorts(Set.of(Port.tcp(DEFAULT_PORT)))
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get(HOME))
                .setLabels(labels());

        ImageReference reference = ImageReference.parse(name);
        Path tar = build.resolve("portero-image.tar");
        JibContainer container =
                image.containerize(Containerizer.to(TarImage.at(tar).named(reference))
                        .setBaseImageLayersCache(work.resolve("cache/base"))
                        .setApplicationLayersCache(work.resolve("cache/application"))
                        .setOfflineMode(true)
                        .setToolName("portero-image-builder"));
        log("image " + reference + " written to " + build.relativize(tar) + " ("
                + Files.size(tar) / (1024 * 1024) + " MiB, image id " + container.getImageId() + ") in "
                + since(started));
    }

    static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", JAVA_HOME);
        environment.put("PATH", JAVA_HOME + "/bin:/usr/bin:/bin");
        environment.put("HOME", HOME);
        environment.put("LANG", "C.UTF-8");
        return environment;
    }

    private static Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "Portero");
        labels.put(
                "org.opencontainers.image.description",
                "Session gatekeeper for Jakarta EE on Payara Micro " + payaraVersion());
        labels.put("org.opencontainers.image.version", System.getProperty("portero.version", "unknown"));
        return labels;
    }

    private static String payaraVersion() {
        return System.getProperty("portero.payara.version", "(see pom.xml)");
    }

    /** Downloads the Debian packages with apt and unpacks them with dpkg-deb, as files only. */
    private Path unpackDebianPackages() throws IOException, InterruptedException {
        Path debs = Files.createDirectories(work.resolve("debs"));
        // apt's download user needs to write here when apt runs as root.
        debs.toFile().setWritable(true, false);
        List<String> download = new ArrayList<>(List.of("apt-get", "download"));
        download.addAll(DEBIAN_PACKAGES);
        run(debs, download, """
                apt-get could not download %s. On Debian, run 'apt-get update' once (as root), then build again.
                """.formatted(DEBIAN_PACKAGES));
        Path root = Files.createDirectories(work.resolve("user-land"));
        try (Stream<Path> files = Files.list(debs)) {
            for (Path deb :
                    files.filter(f -> f.toString().endsWith(".deb")).sorted().toList()) {
                run(debs, List.of("dpkg-deb", "-x", deb.toString(), root.toString()), "dpkg-deb failed on " + deb);
            }
        }
        for (String pruned : PRUNED) {
            deleteRecursively(root.resolve(pruned));
        }
        try (Stream<Path> docs = Files.walk(root.resolve("usr/share/doc"))) {
            for (Path doc : docs.filter(f -> Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && !f.getFileName().toString().equals("copyright"))
                    .toList()) {
                Files.delete(doc);
            }
        }
        return root;
    }

    /** A Java runtime with every module of the build JDK except the incubating ones. */
    private Path linkJavaRuntime() throws IOException {
        Path jmods = Path.of(System.getProperty("java.home"), "jmods");
        if (!Files.isDirectory(jmods)) {
            throw new IllegalStateException("The build JDK has no jmods folder (" + jmods
                    + "): jlink needs a full JDK (Debian: openjdk-17-jdk-headless).");
        }
        String modules;
        try (Stream<Path> files = Files.list(jmods)) {
            modules = files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".jmod"))
                    .map(n -> n.substring(0, n.length() - ".jmod".length()))
                    .filter(n -> !n.startsWith("jdk.incubator."))
                    .sorted()
                    .collect(Collectors.joining(","));
        }
        if (modules.isEmpty()) {
            throw new IllegalStateException("no modules in " + jmods);
        }
        Path output = work.resolve("java-runtime");
        ToolProvider jlink = ToolProvider.findFirst("jlink")
                .orElseThrow(() -> new IllegalStateException("jlink is not available in " + jmods.getParent()));
        StringWriter out = new StringWriter();
        int status = jlink.run(
                new PrintWriter(out),
                new PrintWriter(out),
                "--module-path",
                jmods.toString(),
                "--add-modules",
                modules,
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--compress=2",
                "--output",
                output.toString());
        if (status != 0) {
            throw new IllegalStateException("jlink failed (" + status + "): " + out);
        }
        return output;
    }

    /** /etc/passwd, /etc/group and /etc/nsswitch.conf: the server's user has a name and a home. */
    private Path writeAccounts() throws IOException {
        Path etc = Files.createDirectories(work.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/usr/sbin/nologin
                portero:x:%d:0:Portero:%s:/usr/sbin/nologin
                """.formatted(UID, HOME), StandardCharsets.US_ASCII);
        Files.writeString(etc.resolve("group"), "root:x:0:\n", StandardCharsets.US_ASCII);
        Files.writeString(etc.resolve("nsswitch.conf"), """
                passwd: files
                group: files
                hosts: files dns
                """, StandardCharsets.US_ASCII);
        return etc;
    }

    private FileEntriesLayer userLandLayer(Path userLand, Path etc) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("user-land");
        addTree(layer, userLand, userLand, AbsoluteUnixPath.get("/"));
        for (String file : List.of("passwd", "group", "nsswitch.conf")) {
            layer.addEntry(etc.resolve(file), AbsoluteUnixPath.get("/etc/" + file), READABLE);
        }
        Path emptyDirectory = Files.createDirectories(work.resolve("empty"));
        // /tmp for Java's temporary files (Payara Micro's runtime folder); the home is the working
        // directory (the embedded database's ./data): owned by the user, writable by group 0.
        layer.addEntry(
                emptyDirectory, AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), epoch(), "0:0");
        layer.addEntry(
                emptyDirectory,
                AbsoluteUnixPath.get(HOME),
                FilePermissions.fromOctalString("775"),
                epoch(),
                UID + ":0");
        return layer.build();
    }

    private FileEntriesLayer treeLayer(String name, Path tree, AbsoluteUnixPath target) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        addTree(layer, tree, tree, target);
        return layer.build();
    }

    /**
     * Adds a folder's files in a stable order. Jib writes no symbolic links: a link becomes a copy of
     * the file it names, resolved inside {@code root} (an absolute link target is taken as relative
     * to the image's root, never to the build machine's).
     */
    private static void addTree(FileEntriesLayer.Builder layer, Path root, Path tree, AbsoluteUnixPath target)
            throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tree)) {
            files = walk.filter(f -> !f.equals(tree))
                    .sorted(Comparator.comparing(Path::toString))
                    .toList();
        }
        for (Path file : files) {
            AbsoluteUnixPath in = target.resolve(tree.relativize(file).toString());
            Path source = Files.isSymbolicLink(file) ? resolveInside(root, file) : file;
            if (Files.isDirectory(source, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isSymbolicLink(file)) {
                    layer.addEntry(source, in, EXECUTABLE);
                }
                continue;
            }
            layer.addEntry(source, in, Files.isExecutable(source) ? EXECUTABLE : READABLE);
        }
    }

    private static Path resolveInside(Path root, Path link) throws IOException {
        Path current = link;
        for (int hops = 0; Files.isSymbolicLink(current); hops++) {
            if (hops > 16) {
                throw new IOException("too many symbolic links: " + link);
            }
            Path target = Files.readSymbolicLink(current);
            current = target.isAbsolute()
                    ? root.resolve(target.toString().substring(1))
                    : current.getParent().resolve(target);
            current = current.normalize();
            if (!current.startsWith(root)) {
                throw new IOException(link + " points outside the image: " + target);
            }
        }
        if (!Files.exists(current)) {
            throw new IOException(link + " points to a missing file: " + current);
        }
        return current;
    }

    private static void run(Path directory, List<String> command, String failure)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException(failure.strip() + "\n" + String.join(" ", command) + ":\n" + output);
        }
    }

    private static Path existing(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException(file + " does not exist: build the WAR first (package phase)");
        }
        return file;
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static Instant epoch() {
        return FileEntriesLayer.DEFAULT_MODIFICATION_TIME;
    }

    private static String since(Instant started) {
        Duration d = Duration.between(started, Instant.now());
        return d.toSeconds() + " s";
    }

    private static void log(String message) {
        System.out.println("[portero image] " + message);
    }
}
