package io.realtimetrend.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandLinesTest {

    @Command(name = "demo")
    static final class Demo implements Callable<Integer> {

        @Option(names = "--fail", description = "Fail with this reason.")
        String fail;

        @Option(names = "--count", description = "A number.")
        int count;

        @Override
        public Integer call() {
            if (fail != null) {
                throw new IllegalStateException(fail, new RuntimeException("the cause"));
            }
            return 0;
        }
    }

    @Test
    void underAnOozieLauncherAFailureIsThrownWithTheCommandsOneErrorLine() {
        assertThatThrownBy(() -> CommandLines.exitCode(new Demo(), true, "--fail", "page broke\nsecond line"))
                .isInstanceOf(CommandLines.ActionFailedException.class)
                .hasMessage("demo failed: page broke");
    }

    @Test
    void underAnOozieLauncherAUsageErrorIsThrownWithItsFirstLineNotTheUsageText() {
        assertThatThrownBy(() -> CommandLines.exitCode(new Demo(), true, "--count", "many"))
                .isInstanceOf(CommandLines.ActionFailedException.class)
                .hasMessageStartingWith("Invalid value for option '--count'")
                .hasMessageNotContaining("Usage");
    }

    @Test
    void successReturnsZeroUnderALauncherAndOutsideOne() {
        assertThat(CommandLines.exitCode(new Demo(), true)).isZero();
        assertThat(CommandLines.exitCode(new Demo(), false)).isZero();
    }

    @Test
    void outsideALauncherAFailureIsAnExitCodeAsBefore() {
        assertThat(CommandLines.exitCode(new Demo(), false, "--fail", "page broke")).isEqualTo(1);
        assertThat(CommandLines.exitCode(new Demo(), false, "--count", "many")).isEqualTo(2);
    }
}
