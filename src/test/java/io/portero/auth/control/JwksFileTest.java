package io.portero.auth.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksFileTest {

    @TempDir
    Path temp;

    @Test
    void aMissingDirectoryIsCreatedOwnerOnlyAndTheFileOwnerOnly() throws IOException {
        Path file = temp.resolve("instance/config/portero-jwks.json");

        JwksFile.write(file, "{\"keys\":[]}");

        assertEquals("{\"keys\":[]}", Files.readString(file));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        assertEquals(
                "rwx------",
                PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(file.getParent().getParent())));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theFileIsReplacedOnEveryWrite() throws IOException {
        Path file = temp.resolve("keys/jwks.json");

        JwksFile.write(file, "one");
        JwksFile.write(file, "two");

        assertEquals("two", Files.readString(file));
    }

    @Test
    void aDirectoryOthersMayWriteIsRefused() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("open"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwxrwx"));

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> JwksFile.write(directory.resolve("jwks.json"), "{}"));
        assertTrue(e.getMessage().contains("writable by others"), e.getMessage());
    }

    @Test
    void aFilePlantedWritableByOthersIsRefusedNotOverwritten() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("keys"));
        Path planted = Files.writeString(directory.resolve("jwks.json"), "planted");
        Files.setPosixFilePermissions(planted, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertThrows(IllegalStateException.class, () -> JwksFile.write(planted, "{}"));
        assertEquals("planted", Files.readString(planted));
    }

    @Test
    void aLinkInPlaceOfTheFileIsRefused() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("keys"));
        Path elsewhere = Files.writeString(temp.resolve("elsewhere.json"), "theirs");
        Path link = Files.createSymbolicLink(directory.resolve("jwks.json"), elsewhere);

        assertThrows(IllegalStateException.class, () -> JwksFile.write(link, "{}"));
        assertEquals("theirs", Files.readString(elsewhere));
    }

    @Test
    void aDirectoryOfAnotherUserIsRefused() throws IOException {
        UserPrincipal nobody;
        try {
            nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        } catch (IOException noSuchUser) {
            nobody = null;
        }
        assumeTrue(
                nobody != null && "root".equals(System.getProperty("user.name")),
                "needs root to give a directory away");
        Path directory = Files.createDirectory(temp.resolve("theirs"));
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        Files.setOwner(directory, nobody);

        IllegalStateException e = assertThrows(
                IllegalStateException.class, () -> JwksFile.write(directory.resolve("sub/jwks.json"), "{}"));
        assertTrue(e.getMessage().contains("belongs to nobody"), e.getMessage());
    }
}
