package io.realtimetrend.yarn;

import io.realtimetrend.local.ClusterUsage;
import java.io.StringReader;
import java.time.Duration;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ApplicationResourceUsageReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.oozie.action.hadoop.LauncherHelper;
import org.apache.oozie.client.WorkflowAction;
import org.apache.oozie.client.WorkflowJob;
import org.apache.oozie.util.XConfiguration;

/**
 * {@link ClusterUsage} from the ResourceManager's application reports: each action's launcher (its external id), and
 * the applications the launcher started, which carry the action's child tag (Oozie's {@code LauncherHelper.getTag},
 * passed as {@code oozie.child.mapreduce.job.tags}, which Oozie's SparkMain gives Spark as {@code spark.yarn.tags}):
 * Spark's driver in {@code cluster} mode, its executors' application in {@code client} mode. The figures are final
 * once every application ended, which this waits for, at most {@link #FINAL_WAIT} (a launcher ends a moment after
 * Oozie saw its action end); past that, they are the figures as of then.
 */
final class YarnUsage implements ClusterUsage, AutoCloseable {

    private static final Duration FINAL_WAIT = Duration.ofSeconds(30);
    private static final EnumSet<YarnApplicationState> ENDED = EnumSet.of(YarnApplicationState.FINISHED,
            YarnApplicationState.FAILED, YarnApplicationState.KILLED);

    private final YarnClient yarn;

    YarnUsage(Configuration conf) {
        Objects.requireNonNull(conf, "conf is null");
        yarn = YarnClient.createYarnClient();
        yarn.init(conf);
        yarn.start();
    }

    @Override
    public Optional<Usage> of(WorkflowJob workflow) throws Exception {
        Objects.requireNonNull(workflow, "workflow is null");
        Configuration conf = new XConfiguration(new StringReader(workflow.getConf()));
        List<WorkflowAction> launched = workflow.getActions().stream()
                .filter(action -> action.getExternalId() != null && YARN_APPLICATION.matcher(action.getExternalId()).matches())
                .toList();
        if (launched.isEmpty()) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + FINAL_WAIT.toNanos();
        Collection<ApplicationReport> apps = applications(conf, workflow.getParentId(), launched);
        while (!apps.stream().allMatch(app -> ENDED.contains(app.getYarnApplicationState()))
                && System.nanoTime() < deadline) {
            Thread.sleep(500);
            apps = applications(conf, workflow.getParentId(), launched);
        }
        long memory = 0;
        long vcores = 0;
        for (ApplicationReport app : apps) {
            ApplicationResourceUsageReport used = app.getApplicationResourceUsageReport();
            memory += used.getMemorySeconds();
            vcores += used.getVcoreSeconds();
        }
        return Optional.of(new Usage(apps.size(), memory, vcores));
    }

    /**
     * Each action's launcher and the applications it started: those with the action's child tag that started while
     * the launcher ran (a rerun's action has the same id, so its tag also names the earlier runs' applications).
     */
    private Collection<ApplicationReport> applications(Configuration conf, String parentId, List<WorkflowAction> launched)
            throws Exception {
        Map<ApplicationId, ApplicationReport> apps = new LinkedHashMap<>();
        for (WorkflowAction action : launched) {
            ApplicationReport launcher = yarn.getApplicationReport(ApplicationId.fromString(action.getExternalId()));
            apps.put(launcher.getApplicationId(), launcher);
            String tag = LauncherHelper.getTag(LauncherHelper.getActionYarnTag(conf, parentId, action));
            long end = launcher.getFinishTime() > 0 ? launcher.getFinishTime() : Long.MAX_VALUE;
            for (ApplicationReport child : yarn.getApplications(null, null, Set.of(tag))) {
                if (child.getStartTime() >= launcher.getStartTime() && child.getStartTime() <= end) {
                    apps.put(child.getApplicationId(), child);
                }
            }
        }
        return apps.values();
    }

    @Override
    public void close() {
        yarn.stop();
    }
}
