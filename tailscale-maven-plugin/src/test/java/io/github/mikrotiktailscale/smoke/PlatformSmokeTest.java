package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.docker.Exec;
import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The per-platform checks against a scripted docker command line. */
class PlatformSmokeTest {

    /** Answers docker commands by the first rule whose words all appear in the command. */
    static final class ScriptedDocker implements Exec {
        private final List<Object[]> rules = new ArrayList<>();
        final List<List<String>> commands = new ArrayList<>();

        ScriptedDocker answer(String words, int exitCode, String... lines) {
            rules.add(new Object[] {words, exitCode, List.of(lines)});
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines) {
            commands.add(command);
            var text = String.join(" ", command);
            for (var rule : rules) {
                var words = ((String) rule[0]).split(" ");
                if (java.util.Arrays.stream(words).allMatch(text::contains)) {
                    ((List<String>) rule[2]).forEach(lines);
                    return (int) rule[1];
                }
            }
            return 0;
        }
    }

    private static List<Check> check(ScriptedDocker docker, Optional<Set<String>> features) throws Exception {
        var cli = new DockerCli(docker, "docker");
        var memory = new MemoryRecorder(cli, MemoryProbe.host(), Optional.of(Platform.AMD64));
        return new PlatformSmoke(cli, "tailscale-smoke-test", "label=x", features, memory)
                .check(Platform.ARM64, "img:dev-arm64", "1.98.3");
    }

    @Test
    void aGoodImagePassesAllThree() throws Exception {
        var docker = new ScriptedDocker()
                .answer("--entrypoint tailscale img:dev-arm64 version", 0, "1.98.3", "  long version: 1.98.3")
                .answer("--entrypoint tailscaled img:dev-arm64 --version", 0, "1.98.3")
                .answer("status --json", 0, "{", "  \"BackendState\": \"NeedsLogin\"", "}");

        var checks = check(docker, Optional.empty());

        assertThat(checks).extracting(Check::name)
                .containsExactly("tailscale version", "tailscaled --version", "daemon answers the CLI");
        assertThat(checks).allMatch(Check::passed);
        assertThat(docker.commands).anyMatch(c -> c.containsAll(List.of("--platform", "linux/arm64")));
        assertThat(docker.commands.get(docker.commands.size() - 1)).containsExactly("docker", "rm", "-f",
                "tailscale-smoke-test-daemon-arm64");
    }

    @Test
    void anotherVersionAnExecFormatErrorAndAccessDeniedNameTheirCauses() throws Exception {
        var docker = new ScriptedDocker()
                .answer("tailscaled img:dev-arm64 --version", 1, "exec /usr/local/bin/tailscaled: exec format error")
                .answer("tailscale img:dev-arm64 version", 0, "1.96.4")
                .answer("status --json", 1, "access denied");

        var checks = check(docker, Optional.of(Set.of("cli", "ipnbus")));

        assertThat(checks).noneMatch(Check::passed);
        assertThat(checks.get(0).detail()).isEqualTo("reports '1.96.4', expected 1.98.3");
        assertThat(checks.get(0).cause()).contains("another Tailscale release");
        assertThat(checks.get(1).cause()).contains("register QEMU with binfmt_misc");
        assertThat(checks.get(2).cause()).startsWith("access denied -> unixsocketidentity is omitted");
    }

    @Test
    void aDaemonThatStopsIsReportedWithItsLog() throws Exception {
        var docker = new ScriptedDocker()
                .answer("version", 0, "1.98.3")
                .answer("status --json", 1, "failed to connect to local tailscaled")
                .answer("inspect", 0, "false exit code 1, out of memory: false")
                .answer("logs --tail", 0, "2026/11/24 12:00:00 tailscaled: no TUN device", "panic: oops");

        var daemon = check(docker, Optional.empty()).get(2);

        assertThat(daemon.passed()).isFalse();
        assertThat(daemon.detail()).startsWith("tailscaled stopped (exit code 1, out of memory: false): ")
                .contains("panic: oops");
    }

    private static List<Check> checkArmv5(ScriptedDocker docker, Optional<Path> qemu) throws Exception {
        var cli = new DockerCli(docker, "docker");
        return new PlatformSmoke(cli, "tailscale-smoke-test", "label=x", Optional.empty(),
                new Armv5Cpu(cli, "label=x", () -> qemu), new MemoryRecorder(cli, MemoryProbe.host(),
                        Optional.of(Platform.AMD64))).check(Platform.ARMV5, "img:dev-armv5", "1.102.5");
    }

    @Test
    void armv5RunsEveryCheckOnTheArm926ModelAndProvesItWithoutBinfmt() throws Exception {
        var docker = new ScriptedDocker()
                .answer("-cpu arm926 /bin/busybox sh -c", 0, "busybox sh counted to 1000")
                .answer("-cpu arm926 -0 tailscale /usr/local/bin/tailscale.combined version", 0, "1.102.5", "  tailscale commit: x")
                .answer("--entrypoint tailscale img:dev-armv5 version", 0, "1.102.5")
                .answer("--entrypoint tailscaled img:dev-armv5 --version", 0, "1.102.5")
                .answer("status --json", 0, "{", "  \"BackendState\": \"NeedsLogin\"", "}");

        var checks = checkArmv5(docker, Optional.of(Path.of("/usr/bin/qemu-arm-static")));

        assertThat(checks).extracting(Check::name).containsExactly("tailscale version", "tailscaled --version",
                "daemon answers the CLI", "runs on an ARMv5 CPU (QEMU arm926)");
        assertThat(checks).allMatch(Check::passed);
        assertThat(checks.get(3).detail()).isEqualTo("busybox sh counted to 1000; tailscale version 1.102.5"
                + " (qemu-arm-static -cpu arm926, not through binfmt)");
        // every container of the platform, also those started through binfmt, gets the ARMv5 model
        assertThat(docker.commands).filteredOn(c -> c.get(1).equals("run"))
                .allMatch(c -> c.containsAll(List.of("--platform", "linux/arm/v5", "--init", "-e", "QEMU_CPU=arm926")));
        assertThat(docker.commands).anyMatch(c -> c.containsAll(List.of("-v", "/usr/bin/qemu-arm-static:/qemu-arm-v5:ro",
                "--entrypoint", "/qemu-arm-v5")));
    }

    @Test
    void aV7InstructionOnTheArmv5ModelFailsNamingTheBuild() throws Exception {
        var docker = new ScriptedDocker()
                .answer("-cpu arm926 /bin/busybox sh -c", 132, "qemu: uncaught target signal 4 (Illegal instruction) - core dumped")
                .answer("version", 0, "1.102.5")
                .answer("status --json", 0, "{", "  \"BackendState\": \"NeedsLogin\"", "}");

        var armv5 = checkArmv5(docker, Optional.of(Path.of("/usr/bin/qemu-arm-static"))).get(3);

        assertThat(armv5.passed()).isFalse();
        assertThat(armv5.detail()).startsWith("busybox: exit code 132: qemu: uncaught target signal 4");
        assertThat(armv5.cause()).contains("not built for ARMv5 (GOARM=5, an armel compiler)");
    }

    @Test
    void withoutAStaticQemuTheArmv5CheckFailsSayingWhatToInstall() throws Exception {
        var docker = new ScriptedDocker().answer("version", 0, "1.102.5")
                .answer("status --json", 0, "{", "  \"BackendState\": \"NeedsLogin\"", "}");

        var armv5 = checkArmv5(docker, Optional.empty()).get(3);

        assertThat(armv5.passed()).isFalse();
        assertThat(armv5.cause()).contains("install qemu-user-static");
    }

    @Test
    void otherPlatformsGetNoCpuModel() throws Exception {
        var docker = new ScriptedDocker().answer("version", 0, "1.98.3")
                .answer("status --json", 0, "{", "  \"BackendState\": \"NeedsLogin\"", "}");

        assertThat(check(docker, Optional.empty())).hasSize(3);
        assertThat(docker.commands).noneMatch(c -> c.contains("QEMU_CPU=arm926") || c.contains("--init"));
    }
}
