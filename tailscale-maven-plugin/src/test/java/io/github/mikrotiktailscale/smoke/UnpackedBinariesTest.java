package io.github.mikrotiktailscale.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import io.github.mikrotiktailscale.docker.Exec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class UnpackedBinariesTest {

    /** The first 512 bytes of the amd64 image's binary (v1.102.5 without netstack), as UPX wrote them. */
    private static byte[] amd64Head() throws Exception {
        try (var in = UnpackedBinariesTest.class.getResourceAsStream("memory/upx-head-amd64.bin")) {
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheUnpackedSizeFromUpxsHeader() throws Exception {
        var file = Arrays.copyOf(amd64Head(), 3_980_160);

        assertThat(UnpackedBinaries.parse(file)).hasValue(new UnpackedBinaries.Sizes(3_980_160, 14_540_962));
    }

    @Test
    void aBinaryWithoutUpxHasNoUnpackedSize() {
        assertThat(UnpackedBinaries.parse(new byte[4096])).isEmpty();
        assertThat(UnpackedBinaries.parse(new byte[3])).isEmpty();
    }

    /** A docker whose cp writes the given bytes where it was asked to. */
    private static final class CopyingDocker implements Exec {
        private final Map<String, byte[]> files;
        final List<List<String>> commands = new java.util.ArrayList<>();

        CopyingDocker(Map<String, byte[]> files) {
            this.files = files;
        }

        @Override
        public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines) {
            commands.add(command);
            if (command.get(1).equals("create")) {
                lines.accept("c-" + command.get(command.size() - 1));
                return 0;
            }
            if (command.get(1).equals("cp")) {
                var image = command.get(3).substring(2, command.get(3).indexOf(':'));
                try {
                    Files.write(Path.of(command.get(4)), files.get(image));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return 0;
        }
    }

    @Test
    void aForeignPlatformsMemoryIsItsUnpackedBinaryPlusWhatTheNativeDaemonHeldBeyondItsOwn() throws Exception {
        var amd64 = Arrays.copyOf(amd64Head(), 3_980_160);
        // the same header, unpacking to 13,000,000 bytes
        var arm = Arrays.copyOf(amd64Head(), 3_500_000);
        arm[236 + 12] = (byte) 0x40;
        arm[236 + 13] = (byte) 0x5d;
        arm[236 + 14] = (byte) 0xc6;
        arm[236 + 15] = 0;
        var docker = new CopyingDocker(Map.of("amd", amd64, "arm", arm));
        var binaries = new UnpackedBinaries(new DockerCli(docker, "docker"), "label=x");
        binaries.read(Platform.AMD64, "amd");
        binaries.read(Platform.ARM64, "arm");

        var figures = binaries.figures(Optional.of(Platform.AMD64), List.of(
                new Figure("memory.loggedOut.rss.daemon", 18.5, "MB", ""),
                new Figure("memory.underLoad.rss.node-a", 24.0, "MB", ""),
                new Figure("memory.underLoad.rss.node-b", 22.0, "MB", ""),
                new Figure("memory.underLoad.rssAnon.node-a", 99.0, "MB", "")));

        assertThat(figures).extracting(Figure::name).containsExactly("binary.packed.amd64", "binary.unpacked.amd64",
                "binary.packed.arm64", "binary.unpacked.arm64", "memory.loggedOut.rssDerived.arm64",
                "memory.underLoad.rssDerived.arm64");
        assertThat(figures.get(3).value()).isEqualTo(13.0);
        assertThat(figures.get(4).value()).isCloseTo(18.5 - 14.540962 + 13.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.get(5).value()).isCloseTo(24.0 - 14.540962 + 13.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(figures.get(5).what()).startsWith("derived, not measured (QEMU)");
        assertThat(docker.commands).anyMatch(c -> c.equals(List.of("docker", "rm", "-f", "c-arm")));
    }
}
