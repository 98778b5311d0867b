package io.realtimetrend.local;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.oozie.action.ActionExecutor;
import org.apache.oozie.action.ActionExecutorException;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.util.XmlUtils;
import org.jdom.Element;
import org.jdom.Namespace;

/**
 * An Oozie action executor that runs the action's real main class in a child JVM with its module's classpath,
 * where a cluster would launch it in a YARN container. A non-zero exit is an action error whose message is the
 * child's last stderr line (so it reaches {@code wf:errorMessage} and the kill node). Registered for its type with
 * {@code oozie.service.ActionService.executor.ext.classes}, replacing Oozie's YARN-bound executor.
 */
public abstract class ChildJvmActionExecutor extends ActionExecutor {

    /** Oozie's code for "main class exited with error": in the default user-retry list, so retry-max applies. */
    static final String EXIT_ERROR = "JA018";

    /**
     * The run whose actions this JVM's executors start: its files, its modules' JVMs, the actions' bounds. Set by
     * {@link ChildJvmEngine} before Oozie starts (Oozie makes its executors by reflection, and one JVM serves one run).
     */
    private static volatile LocalRun run;

    /** What to start for one action. */
    protected record Launch(ModuleMain main, Map<String, String> systemProperties, List<String> args) {
    }

    protected ChildJvmActionExecutor(String type) {
        super(type);
    }

    /** Makes this JVM's executors start the actions of {@code run}. */
    static void serve(LocalRun run) {
        ChildJvmActionExecutor.run = Objects.requireNonNull(run, "run is null");
    }

    /** The child to start for {@code action}; {@code outputFile} receives capture-output properties. */
    protected abstract Launch launch(Context context, Element action, Namespace ns, Path outputFile) throws Exception;

    @Override
    public void start(Context context, WorkflowAction action) throws ActionExecutorException {
        try {
            context.setStartData("-", "-", "-");
            Element xml = XmlUtils.parseXml(action.getConf());
            LocalRun local = Objects.requireNonNull(run, "no local run to serve: the local engine sets it");
            String name = RunFiles.actionChild(context.getWorkflow().getId(), action.getName());
            Path output = local.files().actionOutput(name);
            Files.deleteIfExists(output);
            Launch launch = launch(context, xml, xml.getNamespace(), output);
            ModuleJvm.Command command = local.jvm().commandWithArchive(launch.main(), launch.systemProperties(),
                    launch.args(), local.files().log(name));
            ChildProcesses.Result result = local.children().run(action.getId(), command.line(), local.files().child(name),
                    local.bounds().deadline(Instant.now()));
            command.archive().finished(result.exitCode() == 0);
            if (result.exitCode() != 0) {
                throw new ActionExecutorException(ActionExecutorException.ErrorType.ERROR, EXIT_ERROR,
                        "{0}", result.lastErrorLine());
            }
            context.setExecutionData("OK", capturedOutput(xml, output));
        } catch (ActionExecutorException e) {
            throw e;
        } catch (Exception e) {
            throw convertException(e);
        }
    }

    private static Properties capturedOutput(Element xml, Path output) throws Exception {
        if (xml.getChild("capture-output", xml.getNamespace()) == null || !Files.exists(output)) {
            return null;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(output)) {
            properties.load(in);
        }
        return properties;
    }

    @Override
    public void end(Context context, WorkflowAction action) throws ActionExecutorException {
        WorkflowAction.Status status = "OK".equals(action.getExternalStatus())
                ? WorkflowAction.Status.OK : WorkflowAction.Status.ERROR;
        context.setEndData(status, getActionSignal(status));
    }

    @Override
    public void check(Context context, WorkflowAction action) {
        // the child ran to completion in start()
    }

    /** Killing the workflow destroys the action's child JVM (start() holds an Oozie worker while it runs). */
    @Override
    public void kill(Context context, WorkflowAction action) throws ActionExecutorException {
        try {
            LocalRun local = run;
            if (local != null) {
                local.children().kill(action.getId());
            }
            context.setEndData(WorkflowAction.Status.KILLED, "ERROR");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw convertException(e);
        }
    }

    @Override
    public boolean isCompleted(String externalStatus) {
        return true;
    }

    /** The texts of every {@code name} child, in order. */
    protected static List<String> texts(Element parent, String name, Namespace ns) {
        return ((List<?>) parent.getChildren(name, ns)).stream().map(e -> ((Element) e).getTextTrim()).toList();
    }
}
