package io.realtimetrend.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.realtimetrend.contract.CommandLines;
import io.realtimetrend.testing.KafkaBroker;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing to a broker that requires SASL/PLAIN, the credentials coming from the file named in configuration. */
class PublishSaslTest {

    @TempDir
    Path dataRoot;

    private int publish(KafkaBroker broker, Path clientProperties, StringWriter err) {
        return CommandLines.execute(new PublishAction(), new PrintWriter(err, true), "--data-root", dataRoot.toString(),
                "--nominal-time", "2026-11-26T18:10:00+09:00", "--bootstrap-servers", broker.bootstrapServers(),
                "--topic", "sasl", "--timeout", "PT10S", "--kafka-properties", clientProperties.toString());
    }

    private Path credentials(String password) throws Exception {
        return Files.writeString(dataRoot.resolve("client-" + password + ".properties"), String.join("\n",
                "kafka.security.protocol=SASL_PLAINTEXT", "kafka.sasl.mechanism=PLAIN",
                "kafka.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required "
                        + "username=\"" + KafkaBroker.SASL_USER + "\" password=\"" + password + "\";", ""));
    }

    @Test
    void credentialsFromTheFileAuthenticateAndWrongOnesFailClearly() throws Exception {
        Path dir = Files.createDirectories(dataRoot.resolve("trends/window_end=202611261810"));
        try (InputStream in = getClass().getResourceAsStream("trends-202611261810.csv")) {
            Files.copy(in, dir.resolve("trends.csv"));
        }
        try (KafkaBroker broker = KafkaBroker.startSaslPlain(dataRoot.resolve("kafka"))) {
            StringWriter err = new StringWriter();
            assertThat(publish(broker, credentials(KafkaBroker.SASL_PASSWORD), err)).as(err.toString()).isZero();

            StringWriter refused = new StringWriter();
            assertThat(publish(broker, credentials("wrong"), refused)).isEqualTo(1);
            assertThat(refused.toString()).startsWith("publish failed: ").containsIgnoringCase("authentication failed");
        }
    }
}
