package io.realtimetrend.local;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdom.Element;
import org.jdom.Namespace;

/**
 * {@code <spark>} actions: the job's class and {@code <arg>}s on spark-job's classpath, on {@code <master>} (local[*]),
 * with the {@code --conf key=value} pairs of {@code <spark-opts>} as the JVM's system properties (where SparkConf
 * reads them); the other options (memory, executors) have no meaning in one local JVM.
 */
public final class LocalSparkActionExecutor extends ChildJvmActionExecutor {

    public LocalSparkActionExecutor() {
        super("spark");
    }

    @Override
    protected Launch launch(Context context, Element action, Namespace ns, Path outputFile) {
        String master = action.getChildTextTrim("master", ns);
        Map<String, String> properties = confs(action.getChildTextTrim("spark-opts", ns));
        properties.put("spark.master", master.startsWith("local") ? master : "local[*]");
        properties.put("spark.app.name", action.getChildTextTrim("name", ns));
        return new Launch(ModuleMain.SPARK_JOB.withMain(action.getChildTextTrim("class", ns)), properties,
                texts(action, "arg", ns));
    }

    /** The {@code --conf key=value} pairs of {@code sparkOpts} (null: none), a later one winning as in spark-submit. */
    static Map<String, String> confs(String sparkOpts) {
        Map<String, String> confs = new LinkedHashMap<>();
        List<String> words = sparkOpts == null || sparkOpts.isBlank() ? List.of() : List.of(sparkOpts.strip().split("\\s+"));
        for (int i = 0; i + 1 < words.size(); i++) {
            int equals = words.get(i + 1).indexOf('=');
            if (words.get(i).equals("--conf") && equals > 0) {
                confs.put(words.get(i + 1).substring(0, equals), words.get(i + 1).substring(equals + 1));
                i++;
            }
        }
        return confs;
    }
}
