package io.portero.auth.control;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Set;

/**
 * The file through which MicroProfile JWT learns the keys that verify tokens. Whoever can write it
 * can make the server accept tokens they signed, so it lives in a directory only this process's
 * user can write: missing directories are created owner-only ({@code rwx------}); an existing one
 * is refused when it belongs to another user or lets group or others write, and so is any directory
 * above it that belongs to another user than this one or the superuser. The file itself is
 * replaced atomically by an owner-only file, and refused (not overwritten) when it is a link or
 * belongs to another user. Where the file system has no POSIX permissions, nothing can be checked.
 */
public final class JwksFile {

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private JwksFile() {}

    /** Writes the keys; throws {@link IllegalStateException} naming the path that is not safe. */
    public static void write(Path file, String content) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        if (!isPosix(directory.getRoot() == null ? directory : directory.getRoot())) {
            Files.createDirectories(directory);
            replace(target, content);
            return;
        }
        createPrivately(directory);
        UserPrincipal me = ownerOfNewFile(directory);
        requireSafe(directory, me, true);
        for (Path ancestor = directory.getParent(); ancestor != null; ancestor = ancestor.getParent()) {
            requireSafeAncestor(ancestor, me);
        }
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            requireSafe(target, me, false);
        }
        replace(target, content);
    }

    /** Creates the missing directories of a path, each owner-only. */
    private static void createPrivately(Path directory) throws IOException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (directory.getParent() != null) {
            createPrivately(directory.getParent());
        }
        try {
            Files.createDirectory(
                    directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // checked like any existing directory
        }
    }

    /**
     * A directory above the keys' own: another user who owns it, or may write to a directory of
     * ours, could swap the keys' directory for one of theirs. Directories of the superuser are
     * trusted (a shared {@code /tmp} is the superuser's and sticky).
     */
    static void requireSafeAncestor(Path ancestor, UserPrincipal me) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(ancestor, PosixFileAttributes.class);
        if ("root".equals(attributes.owner().getName())) {
            return;
        }
        requireSafe(ancestor.toRealPath(), me, true);
    }

    private static void replace(Path target, String content) throws IOException {
        Path temporary = Files.createTempFile(target.getParent(), "jwks", ".tmp");
        try {
            Files.writeString(temporary, content);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The user this process writes files as: the owner of a file it has just created. */
    private static UserPrincipal ownerOfNewFile(Path directory) throws IOException {
        Path probe = Files.createTempFile(directory, "owner", ".tmp");
        try {
            return Files.getOwner(probe, LinkOption.NOFOLLOW_LINKS);
        } finally {
            Files.delete(probe);
        }
    }

    static void requireSafe(Path path, UserPrincipal me, boolean directory) throws IOException {
        PosixFileAttributes attributes = Files.getFileAttributeView(
                        path, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .readAttributes();
        String what = directory ? "directory" : "file";
        if (attributes.isSymbolicLink() || (directory != attributes.isDirectory())) {
            throw new IllegalStateException(
                    "Refusing to use " + path + " for the token verification keys: not a plain " + what);
        }
        if (!attributes.owner().equals(me)) {
            throw new IllegalStateException("Refusing to use " + path + " for the token verification keys: the " + what
                    + " belongs to " + attributes.owner().getName() + ", not to " + me.getName()
                    + " (set portero.token.jwks-file to a path of your own)");
        }
        if (attributes.permissions().stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
            throw new IllegalStateException("Refusing to use " + path + " for the token verification keys: the " + what
                    + " is writable by others (" + PosixFilePermissions.toString(attributes.permissions())
                    + "); remove group and other write permission");
        }
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
