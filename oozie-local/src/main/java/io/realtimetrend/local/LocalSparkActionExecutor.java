package io.realtimetrend.local;

import java.nio.file.Path;
import java.util.Map;
import org.jdom.Element;
import org.jdom.Namespace;

/** {@code <spark>} actions: the job's class and {@code <arg>}s on spark-job's classpath, on {@code <master>} (local[*]). */
public final class LocalSparkActionExecutor extends ChildJvmActionExecutor {

    public LocalSparkActionExecutor() {
        super("spark");
    }

    @Override
    protected Launch launch(Context context, Element action, Namespace ns, Path outputFile) {
        String master = action.getChildTextTrim("master", ns);
        return new Launch(ModuleMain.SPARK_JOB.withMain(action.getChildTextTrim("class", ns)),
                Map.of("spark.master", master.startsWith("local") ? master : "local[*]",
                        "spark.app.name", action.getChildTextTrim("name", ns)),
                texts(action, "arg", ns));
    }
}
