package io.realtimetrend.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdom.Element;
import org.jdom.Namespace;

/**
 * {@code <hive2>} actions: the script (relative to the app) with its {@code <param>}s as {@code --hivevar}s, run over
 * JDBC on the HiveServer2 of {@code <jdbc-url>}, as Beeline does on a cluster.
 */
public final class LocalHive2ActionExecutor extends ChildJvmActionExecutor {

    public LocalHive2ActionExecutor() {
        super("hive2");
    }

    @Override
    protected Launch launch(Context context, Element action, Namespace ns, Path outputFile) throws Exception {
        URI app = new URI(context.getWorkflow().getAppPath());
        Path appDir = Path.of(app).toFile().isDirectory() ? Path.of(app) : Path.of(app).getParent();
        List<String> args = new ArrayList<>(List.of("-u", action.getChildTextTrim("jdbc-url", ns),
                "-f", appDir.resolve(action.getChildTextTrim("script", ns)).toString()));
        for (String param : texts(action, "param", ns)) {
            args.add("--hivevar");
            args.add(param);
        }
        return new Launch(ModuleMain.RUN_HQL, Map.of(), args);
    }
}
