package io.realtimetrend.kakao;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/** Files that hold secrets or state: written atomically (temporary file, then rename) and readable by the owner only. */
public final class SecretFiles {

    private SecretFiles() {
    }

    /** Replaces {@code file} with {@code content}; the file is created with permissions {@code rw-------}. */
    public static void write(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** The trimmed content of a one-line secret file (an API key, a client secret), checked by {@link #checkPrivate}. */
    public static String readLine(Path file, String what) throws IOException {
        checkPrivate(file, what);
        String line = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (line.isEmpty()) {
            throw new IOException(what + " " + file + " is empty");
        }
        return line;
    }

    /** Refuses a secret file that is missing or that its group or others may read or write; the message says the fix. */
    public static void checkPrivate(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IOException(what + " " + file + " is missing or unreadable");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(view.readAttributes().permissions());
        open.retainAll(EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_EXECUTE));
        if (!open.isEmpty()) {
            throw new IOException(what + " " + file + " is readable by others (mode "
                    + PosixFilePermissions.toString(view.readAttributes().permissions()) + "): chmod 600 " + file);
        }
    }
}
