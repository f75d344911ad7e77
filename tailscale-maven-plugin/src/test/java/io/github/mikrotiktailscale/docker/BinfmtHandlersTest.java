package io.github.mikrotiktailscale.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.mikrotiktailscale.image.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BinfmtHandlersTest {

    private static final String AARCH64 = "7f454c460201010000000000000000000200b700";
    private static final String ARM = "7f454c4601010100000000000000000002002800";

    private static void handler(Path root, String name, String state, String flags, String magic) throws Exception {
        Files.writeString(root.resolve(name), state + "\ninterpreter /usr/libexec/qemu-binfmt/x\nflags: " + flags
                + "\noffset 0\nmagic " + magic + "\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
    }

    @Test
    void findsEnabledHandlersByTheirElfHeader(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("status"), "enabled\n");
        handler(root, "qemu-aarch64", "enabled", "PF", AARCH64);
        handler(root, "something-arm", "disabled", "PF", ARM);

        var binfmt = new BinfmtHandlers(root);

        assertThat(binfmt.canRun(Platform.ARM64)).contains(true);
        assertThat(binfmt.canRun(Platform.ARMV7)).contains(false);
    }

    @Test
    void namesTheInterpreterOfTheHandlerThatRunsArmv5(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("status"), "enabled\n");
        handler(root, "qemu-aarch64", "enabled", "PF", AARCH64);
        handler(root, "qemu-arm", "enabled", "PF", ARM);

        var binfmt = new BinfmtHandlers(root);

        assertThat(binfmt.canRun(Platform.ARMV5)).contains(true);
        assertThat(binfmt.interpreter(Platform.ARMV5)).contains(Path.of("/usr/libexec/qemu-binfmt/x"));
        assertThat(new BinfmtHandlers(root.resolve("missing")).interpreter(Platform.ARMV5)).isEmpty();
    }

    @Test
    void aHandlerWithoutTheFixBinaryFlagDoesNotWorkInBuildContainers(@TempDir Path root) throws Exception {
        Files.writeString(root.resolve("status"), "enabled\n");
        handler(root, "qemu-arm", "enabled", "P", ARM);

        assertThat(new BinfmtHandlers(root).canRun(Platform.ARMV7)).contains(false);
    }

    @Test
    void anUnreadableTableSaysNothing(@TempDir Path root) {
        assertThat(new BinfmtHandlers(root.resolve("absent")).canRun(Platform.ARM64)).isEmpty();
    }
}
