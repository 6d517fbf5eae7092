package io.portero.image;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A {@code docker load} archive read back as a runtime would: manifest, configuration, and each
 * layer's files with their digests, owners and modes. The layers are checked against the
 * configuration's {@code rootfs.diff_ids} on the way.
 */
final class ImageArchive {

    /** One file or folder of a layer. */
    record Entry(String path, String sha256, long size, int mode, long uid, long gid, boolean directory) {}

    final JsonObject manifest;
    final JsonObject config;
    final String imageId;
    final List<String> layerDiffIds = new ArrayList<>();
    /** Path (no leading slash) to entry; an upper layer's entry replaces a lower one's. */
    final Map<String, Entry> files = new LinkedHashMap<>();
    /** The contents of the files under /etc. */
    private final Map<String, byte[]> etc = new HashMap<>();

    private ImageArchive(JsonObject manifest, JsonObject config, String imageId) {
        this.manifest = manifest;
        this.config = config;
        this.imageId = imageId;
    }

    static ImageArchive read(Path tar) throws IOException {
        Map<String, byte[]> small = new HashMap<>();
        Map<String, Path> layers = new HashMap<>();
        Path unpacked = Files.createTempDirectory("portero-image-check");
        try (TarArchiveInputStream outer =
                new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tar)))) {
            for (TarArchiveEntry entry = outer.getNextEntry(); entry != null; entry = outer.getNextEntry()) {
                if (entry.getName().endsWith(".json")) {
                    small.put(entry.getName(), outer.readAllBytes());
                } else {
                    Path layer = unpacked.resolve(Path.of(entry.getName()).getFileName());
                    Files.copy(outer, layer);
                    layers.put(entry.getName(), layer);
                }
            }
        }
        JsonObject manifest = json(small.get("manifest.json")).asJsonArray().getJsonObject(0);
        byte[] configBytes = small.get(manifest.getString("Config"));
        ImageArchive image = new ImageArchive(
                manifest, json(configBytes).asJsonObject(), "sha256:" + sha256(new ByteArrayInputStream(configBytes)));
        for (var layerName : manifest.getJsonArray("Layers").getValuesAs(jakarta.json.JsonString.class)) {
            Path layer = layers.get(layerName.getString());
            image.readLayer(layer);
            Files.delete(layer);
        }
        Files.delete(unpacked);
        return image;
    }

    private void readLayer(Path layer) throws IOException {
        MessageDigest diffId = digest();
        try (InputStream raw = new DigestInputStream(
                        new GZIPInputStream(new BufferedInputStream(Files.newInputStream(layer))), diffId);
                TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String path = entry.getName()
                        .replaceFirst("^\\./", "")
                        .replaceFirst("^/", "")
                        .replaceFirst("/$", "");
                String sha = null;
                if (!entry.isDirectory()) {
                    byte[] contents = tar.readAllBytes();
                    sha = sha256(new ByteArrayInputStream(contents));
                    if (path.startsWith("etc/")) {
                        etc.put(path, contents);
                    }
                }
                files.put(
                        path,
                        new Entry(
                                path,
                                sha,
                                entry.getSize(),
                                entry.getMode() & 07777,
                                entry.getLongUserId(),
                                entry.getLongGroupId(),
                                entry.isDirectory()));
            }
            // The tar reader stops at the end-of-archive blocks; the digest covers the whole stream.
            raw.transferTo(java.io.OutputStream.nullOutputStream());
        }
        layerDiffIds.add("sha256:" + HexFormat.of().formatHex(diffId.digest()));
    }

    JsonObject containerConfig() {
        return config.getJsonObject("config");
    }

    JsonArray diffIds() {
        return config.getJsonObject("rootfs").getJsonArray("diff_ids");
    }

    Entry file(String absolutePath) {
        return files.get(absolutePath.replaceFirst("^/", ""));
    }

    byte[] contents(String absolutePath) {
        byte[] contents = etc.get(absolutePath.replaceFirst("^/", ""));
        if (contents == null) {
            throw new IllegalArgumentException("only files under /etc are kept: " + absolutePath);
        }
        return contents;
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return sha256(in);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest = digest();
        byte[] buffer = new byte[65536];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            digest.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static jakarta.json.JsonValue json(byte[] bytes) {
        try (JsonReader reader = Json.createReader(new StringReader(new String(bytes, StandardCharsets.UTF_8)))) {
            return reader.readValue();
        }
    }
}
