package io.realtimetrend.local;

import java.nio.file.Path;
import java.util.Map;
import org.jdom.Element;
import org.jdom.Namespace;

/** {@code <java>} actions: the main class and its {@code <arg>}s on java-actions' classpath; capture-output kept. */
public final class LocalJavaActionExecutor extends ChildJvmActionExecutor {

    public LocalJavaActionExecutor() {
        super("java");
    }

    @Override
    protected Launch launch(Context context, Element action, Namespace ns, Path outputFile) {
        return new Launch(ModuleMain.JAVA_ACTIONS.withMain(action.getChildTextTrim("main-class", ns)),
                Map.of("oozie.action.output.properties", outputFile.toString()), texts(action, "arg", ns));
    }
}
