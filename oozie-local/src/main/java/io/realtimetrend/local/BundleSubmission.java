package io.realtimetrend.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.apache.oozie.client.BundleJob;
import org.apache.oozie.client.CoordinatorJob;
import org.apache.oozie.client.Job;
import org.apache.oozie.client.OozieClient;

/**
 * The packaged bundle submitted through Oozie's REST API, as {@code oozie job -config job.properties -run} submits it:
 * the job.properties submitted (also written for the CLI's {@code -config}), the bundle's id and the coordinator it
 * started.
 *
 * @param bundleId      the bundle job
 * @param coordId       the coordinator job the bundle started
 * @param jobProperties the job.properties as submitted, written for the CLI
 * @param job           their values
 */
record BundleSubmission(String bundleId, String coordId, Path jobProperties, Properties job) {

    /** How long a submitted bundle may take to start its coordinator. */
    private static final Duration COORDINATOR_WAIT = Duration.ofSeconds(60);

    BundleSubmission {
        Objects.requireNonNull(bundleId, "bundleId is null");
        Objects.requireNonNull(coordId, "coordId is null");
        Objects.requireNonNull(jobProperties, "jobProperties is null");
        Objects.requireNonNull(job, "job is null");
    }

    /** Submits the app of {@code app} with {@code local}'s job.properties to {@code client}, writing them to {@code file}. */
    static BundleSubmission submit(OozieClient client, LocalJobProperties local, Path app, Path file) throws Exception {
        Properties job = local.over(app);
        Path submitted = Files.writeString(file, local.text(app));
        String bundleId = client.run(job);
        return new BundleSubmission(bundleId, coordinatorOf(client, bundleId), submitted, job);
    }

    /**
     * The coordinator the bundle {@code bundleId} started, read through Oozie's REST API as {@code oozie job -info}
     * shows it (Oozie submits a bundle's coordinators in the background, within a second here).
     */
    static String coordinatorOf(OozieClient client, String bundleId) throws Exception {
        Instant until = Instant.now().plus(COORDINATOR_WAIT);
        while (true) {
            BundleJob bundle = client.getBundleJobInfo(bundleId);
            Optional<String> coordId = bundle.getCoordinators().stream().map(CoordinatorJob::getId)
                    .filter(id -> id != null && !id.isBlank()).findFirst();
            if (coordId.isPresent()) {
                return coordId.get();
            }
            if (bundle.getStatus() != Job.Status.PREP && bundle.getStatus() != Job.Status.RUNNING
                    || Instant.now().isAfter(until)) {
                throw new IllegalStateException("bundle " + bundleId + " started no coordinator within "
                        + COORDINATOR_WAIT.toSeconds() + " s (" + bundle.getStatus() + "); see Oozie's log");
            }
            Thread.sleep(200);
        }
    }
}
