package io.portero;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of docs/architecture.md, read from the sources (imports and fully
 * qualified names alike), so that they keep themselves:
 * <ul>
 *   <li>features depend one way: {@code platform} ← {@code accounts} ← {@code sessions} ←
 *       {@code auth}, {@code admin} ← {@code audit}; {@code auth} ← {@code alerts} ← {@code audit};
 *       {@code health} uses {@code platform}, {@code sessions} and {@code auth};</li>
 *   <li>another feature is reached only through its {@code boundary} or {@code entity} types,
 *       never its {@code control};</li>
 *   <li>inside a feature, {@code control} never reaches up into {@code boundary}, and
 *       {@code entity} into neither.</li>
 * </ul>
 */
class ArchitectureTest {

    /** The features each feature may use (besides itself). */
    static final Map<String, Set<String>> ALLOWED = Map.of(
            "platform", Set.of(),
            "health", Set.of("platform", "sessions", "auth"),
            "accounts", Set.of("platform"),
            "sessions", Set.of("platform", "accounts"),
            "auth", Set.of("platform", "accounts", "sessions"),
            "admin", Set.of("platform", "accounts", "sessions"),
            "alerts", Set.of("platform", "accounts", "sessions", "auth"),
            "audit", Set.of("platform", "accounts", "sessions", "auth", "admin", "alerts"),
            "metrics", Set.of("platform", "accounts", "sessions", "auth"));

    private static final Path SOURCES = Path.of("src/main/java/io/portero");
    private static final Pattern REFERENCE =
            Pattern.compile("\\bio\\.portero\\.([a-z]+)(?:\\.([a-z]+))?(?:\\.[a-z]+)*\\.[A-Z]");

    /** One reference from a source file to a package of the application. */
    record Reference(String file, String feature, String layer, String targetFeature, String targetLayer) {
        @Override
        public String toString() {
            return file + " -> " + targetFeature + (targetLayer == null ? "" : "." + targetLayer);
        }
    }

    private static List<Reference> references;
    private static Set<String> features;

    @BeforeAll
    static void readSources() {
        references = new ArrayList<>();
        features = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Path relative = SOURCES.relativize(file);
                if (relative.getNameCount() < 2) {
                    continue; // the application class at the root wires everything together
                }
                String feature = relative.getName(0).toString();
                String layer = relative.getNameCount() > 2 ? relative.getName(1).toString() : null;
                features.add(feature);
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    references.add(
                            new Reference(relative.toString(), feature, layer, matcher.group(1), matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanSeesTheWholeApplication() {
        assertEquals(ALLOWED.keySet(), features, "every feature has its rule, and every rule a feature");
        assertTrue(references.size() > 100, "only " + references.size() + " references found");
    }

    @Test
    void featuresDependOneWay() {
        List<String> wrong = references.stream()
                .filter(r -> !r.targetFeature().equals(r.feature()))
                .filter(r -> !ALLOWED.get(r.feature()).contains(r.targetFeature()))
                .map(Reference::toString)
                .distinct()
                .toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void theAllowedDependenciesThemselvesHaveNoCycle() {
        Map<String, Set<String>> reachable = new TreeMap<>();
        ALLOWED.forEach((feature, uses) -> reachable.put(feature, new TreeSet<>(uses)));
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Set<String> uses : reachable.values()) {
                for (String used : List.copyOf(uses)) {
                    grew |= uses.addAll(reachable.get(used));
                }
            }
        }
        reachable.forEach((feature, uses) -> assertTrue(!uses.contains(feature), feature + " reaches itself: " + uses));
    }

    @Test
    void otherFeaturesAreReachedOnlyThroughTheirBoundaryOrEntities() {
        List<String> wrong = references.stream()
                .filter(r -> !r.targetFeature().equals(r.feature())
                        && !r.targetFeature().equals("platform"))
                .filter(r ->
                        r.targetLayer() != null && !Set.of("boundary", "entity").contains(r.targetLayer()))
                .map(Reference::toString)
                .distinct()
                .toList();
        assertEquals(List.of(), wrong);
    }

    @Test
    void insideAFeatureLayersPointDownOnly() {
        Map<String, Set<String>> below = Map.of(
                "boundary", Set.of("boundary", "control", "entity"),
                "control", Set.of("control", "entity"),
                "entity", Set.of("entity"));
        List<String> wrong = references.stream()
                .filter(r -> r.targetFeature().equals(r.feature()) && below.containsKey(String.valueOf(r.layer())))
                .filter(r -> below.containsKey(String.valueOf(r.targetLayer())))
                .filter(r -> !below.get(r.layer()).contains(r.targetLayer()))
                .map(Reference::toString)
                .distinct()
                .toList();
        assertEquals(List.of(), wrong);
    }
}
