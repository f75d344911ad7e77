package io.github.mikrotiktailscale.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build stages' ARMv5 check, as the context ships it, run by the machine's Go: tiny binaries of
 * Debian's armel and armhf compilers (src/test/resources/arm-elf) and Go programs built here with
 * GOARM=5 and GOARM=7.
 */
class ArmElfCheckTest {

    private static final Path FIXTURES = Path.of("src", "test", "resources", "arm-elf");

    @TempDir
    Path dir;

    private Path check;

    private record Result(int code, String output) {}

    @BeforeEach
    void check() throws Exception {
        assumeTrue(run(dir, Map.of(), "go", "version").code() == 0, "needs Go on the PATH");
        check = dir.resolve("check-arm-elf.go");
        Files.writeString(check, DockerfileRenderer.render(ImageProjectPom.configuration().build())
                .file("scripts/check-arm-elf.go").text());
    }

    private Result check(Path... binaries) throws Exception {
        var command = new ArrayList<>(List.of("go", "run", check.toString(), "v5"));
        for (var binary : binaries) {
            command.add(binary.toAbsolutePath().toString());
        }
        return run(dir, Map.of("GOFLAGS", "", "GOOS", "", "GOARCH", ""), command.toArray(String[]::new));
    }

    @Test
    void anArmelBinaryPassesWithWhatItsHeaderAndAttributesSay() throws Exception {
        var result = check(FIXTURES.resolve("armel-tiny"));

        assertThat(result.code()).as(result.output()).isZero();
        assertThat(result.output()).contains("armel-tiny: ELF32 ARM, EABI5, e_flags 0x05000200, soft-float ABI flag,"
                + " Tag_CPU_arch v5TE, no VFP or NEON tags");
    }

    @Test
    void aHardFloatOrV7BinaryFailsNamingWhy() throws Exception {
        var hardFloat = check(FIXTURES.resolve("armhf-tiny"));
        var v7SoftFloat = check(FIXTURES.resolve("armv7-soft-tiny"));

        assertThat(hardFloat.code()).isEqualTo(1);
        assertThat(hardFloat.output()).contains("armhf-tiny is not an ARMv5 soft-float binary: e_flags 0x05000400:"
                + " hard-float ABI", "would stop it with \"Illegal instruction\"");
        assertThat(v7SoftFloat.code()).isEqualTo(1);
        assertThat(v7SoftFloat.output()).contains("Tag_CPU_arch v7: ARMv6 or later");
    }

    @Test
    void aGoBinaryPassesOnlyWithGoarm5() throws Exception {
        Files.writeString(dir.resolve("hello.go"), "package main\n\nfunc main() { println(6 * 7) }\n");
        var goarm5 = build("5");
        var goarm7 = build("7");

        var good = check(goarm5);
        var bad = check(goarm7);

        assertThat(good.code()).as(good.output()).isZero();
        assertThat(good.output()).contains("hello-goarm5: ELF32 ARM, EABI5, e_flags 0x05000002, no .ARM.attributes, Go",
                "GOARM=5 (software floating point)");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.output()).contains("a Go binary built with GOARM=\"7\", not 5");
    }

    @Test
    void anotherArchitectureIsRefused() throws Exception {
        Files.writeString(dir.resolve("hello.go"), "package main\n\nfunc main() { println(6 * 7) }\n");
        var result = run(dir, Map.of("GOFLAGS", "", "CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", "arm64"), "go",
                "build", "-o", "hello-arm64", "hello.go");
        assertThat(result.code()).as(result.output()).isZero();

        var refused = check(dir.resolve("hello-arm64"));

        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.output()).contains("not a 32-bit little-endian ARM ELF");
    }

    private Path build(String goarm) throws Exception {
        var name = "hello-goarm" + goarm;
        var result = run(dir, Map.of("GOFLAGS", "", "CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", "arm", "GOARM", goarm),
                "go", "build", "-o", name, "hello.go");
        assertThat(result.code()).as(result.output()).isZero();
        return dir.resolve(name);
    }

    private static Result run(Path directory, Map<String, String> environment, String... command) throws Exception {
        Process process;
        try {
            var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (java.io.IOException e) {
            return new Result(-1, e.getMessage());
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }
}
