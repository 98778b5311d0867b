package io.realtimetrend.load;

import io.realtimetrend.contract.CommandLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Runs one HQL file on a HiveServer2 with {@code --hivevar} parameters, the arguments Beeline takes
 * ({@code -u URL -f FILE --hivevar k=v}): what the Oozie hive2 action does, used by local mode.
 */
@Command(name = "run-hql", mixinStandardHelpOptions = true, description = "Runs an HQL file on a HiveServer2.")
public final class RunHql implements Callable<Integer> {

    @Option(names = {"-u", "--jdbc-url"}, required = true, description = "HiveServer2 JDBC URL.") String jdbcUrl;
    @Option(names = {"-f", "--script"}, required = true, description = "The HQL file.") Path script;
    @Option(names = "--hivevar", description = "A variable k=v (repeatable).") Map<String, String> hivevars = new LinkedHashMap<>();

    @Mixin HiveTimeouts hive;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new RunHql(), args));
    }

    @Override
    public Integer call() throws Exception {
        HqlScript hql = HqlScript.parse("hql/" + script.getFileName(), Files.readString(script, StandardCharsets.UTF_8));
        hive.run(jdbcUrl, hql, hivevars).forEach(System.out::println);
        return 0;
    }
}
