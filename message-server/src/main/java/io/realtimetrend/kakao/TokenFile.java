package io.realtimetrend.kakao;

import com.fasterxml.jackson.databind.JsonNode;
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

    /** The current tokens; a clear error when the file is missing, incomplete or readable by others. */
    public Tokens read() throws IOException {
        if (!Files.exists(file)) {
            throw new IOException("token file " + file + " is missing: create it (mode 600) with "
                    + "{\"access_token\": \"…\", \"refresh_token\": \"…\"}");
        }
        SecretFiles.checkPrivate(file, "token file");
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException("token file " + file + " is not JSON: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        for (String field : new String[] {"access_token", "refresh_token"}) {
            if (root == null || root.path(field).asText("").isBlank()) {
                throw new IOException("token file " + file + " has no " + field
                        + ": write {\"access_token\": \"…\", \"refresh_token\": \"…\"} from Kakao's token answer");
            }
        }
        return new Tokens(root.get("access_token").asText(), root.get("refresh_token").asText());
    }

    /** Replaces the tokens (owner-only permissions). */
    public void write(Tokens tokens) throws IOException {
        SecretFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(tokens));
    }
}
