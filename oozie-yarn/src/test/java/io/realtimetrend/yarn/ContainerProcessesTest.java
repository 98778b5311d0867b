package io.realtimetrend.yarn;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the mini cluster's stop relies on, with real processes shaped as a NodeManager leaves them: a launch script
 * under the NodeManager's directory, in a session of its own ({@code setsid}), whose parent has died (it lives under
 * init), with a child that names no such path.
 */
class ContainerProcessesTest {

    @TempDir
    Path tmp;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void endWhatATestLeft() {
        started.addAll(new ContainerProcesses(tmp.resolve("nm")).alive());
        started.forEach(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
    }

    @Test
    void anOrphanedContainerInASessionOfItsOwnIsEndedWithItsChildAndNothingElseIs() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("nm"));
        ContainerProcesses containers = new ContainerProcesses(root);
        Process elsewhere = new ProcessBuilder("bash", "-c", "sleep 600", tmp.resolve("other/launch_container.sh").toString())
                .start();
        started.add(elsewhere.toHandle());
        startOrphanedContainer(root.resolve("usercache/u/appcache/application_1_0001/container_1_0001_01_000001"));

        ProcessHandle container = awaitOne(containers);
        List<ProcessHandle> children = container.descendants().toList();
        assertThat(container.parent().map(ProcessHandle::pid)).as("orphaned: not this JVM's")
                .isNotEqualTo(java.util.Optional.of(ProcessHandle.current().pid()));
        assertThat(children).as("its child, which names no NodeManager path").hasSize(1);

        assertThat(containers.endAll(Duration.ofSeconds(20))).isEqualTo(1);

        assertThat(container.isAlive()).isFalse();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(containers.alive()).isEmpty();
        assertThat(elsewhere.isAlive()).as("a process outside the NodeManager's directory").isTrue();
    }

    @Test
    void aContainerStartedByALaunchingThreadDuringTheSweepIsEndedToo() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("nm"));
        ContainerProcesses containers = new ContainerProcesses(root);
        Thread launching = new Thread(() -> {
            try {
                Thread.sleep(1500);
                startOrphanedContainer(root.resolve("nmPrivate/application_1_0001/container_1_0001_01_000002"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "ContainersLauncher #0");
        launching.start();

        assertThat(containers.endAll(Duration.ofSeconds(20))).as("the one it started while the sweep waited").isEqualTo(1);

        assertThat(launching.isAlive()).isFalse();
        assertThat(containers.alive()).isEmpty();
    }

    /** {@code bash} starts the container in a session of its own and exits at once, as a killed wrapper would. */
    private void startOrphanedContainer(Path containerDir) throws Exception {
        Files.createDirectories(containerDir);
        String script = containerDir.resolve("launch_container.sh").toString();
        Process wrapper = new ProcessBuilder("bash", "-c", "setsid bash -c 'sleep 600 & wait' \"$1\" </dev/null "
                + ">/dev/null 2>&1 &", "wrapper", script).start();
        assertThat(wrapper.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private ProcessHandle awaitOne(ContainerProcesses containers) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (true) {
            List<ProcessHandle> alive = containers.alive();
            if (alive.size() == 1 && alive.get(0).descendants().findAny().isPresent()) {
                started.add(alive.get(0));
                return alive.get(0);
            }
            assertThat(Instant.now()).as("the container and its child started: " + alive).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
