package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** The access and refresh tokens, in a JSON file named by configuration; rewritten atomically on refresh. */
public final class TokenFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    public TokenFile(Path file) {
        this.file = Objects.requireNonNull(file, "file is null");
    }

    /** The current tokens; a clear error when the file is missing or incomplete. */
    public Tokens read() throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("token file " + file + " is missing: create it (mode 600) with "
                    + "{\"access_token\": \"…\", \"refresh_token\": \"…\"}");
        }
        try {
            return JSON.readValue(file.toFile(), Tokens.class);
        } catch (IOException e) {
            throw new IOException("token file " + file + " is not {\"access_token\",\"refresh_token\"} JSON: "
                    + e.getMessage(), e);
        }
    }

    /** Replaces the tokens (owner-only permissions). */
    public void write(Tokens tokens) throws IOException {
        SecretFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens));
    }
}
