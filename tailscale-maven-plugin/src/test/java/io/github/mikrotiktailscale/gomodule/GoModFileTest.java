package io.github.mikrotiktailscale.gomodule;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class GoModFileTest {

    @Test
    void readsTheGoDirectiveAndEveryRequirement() {
        var mod = GoModFile.parse("""
                module tailscale.com

                go 1.27.4 // the oldest Go it builds with

                require filippo.io/mkcert v1.4.4
                require (
                \tgvisor.dev/gvisor v0.0.0-20260915211658-a6f909f08a72
                \tgithub.com/tailscale/setec v0.0.0-20260824224040-f8d7a936837c // indirect
                )
                """);

        assertThat(mod.go()).contains(new GoVersion(1, 27, 4));
        assertThat(mod.requirements()).extracting(Object::toString).containsExactly(
                "filippo.io/mkcert@v1.4.4", "gvisor.dev/gvisor@v0.0.0-20260915211658-a6f909f08a72",
                "github.com/tailscale/setec@v0.0.0-20260824224040-f8d7a936837c");
    }

    @Test
    void goVersionsCompareAsReleases() {
        assertThat(GoVersion.parse("go1.27.3")).contains(new GoVersion(1, 27, 3));
        assertThat(GoVersion.parse("1.26")).contains(new GoVersion(1, 26, 0));
        assertThat(GoVersion.parse("1.26.8-alpine")).contains(new GoVersion(1, 26, 8));
        assertThat(GoVersion.parse("trixie")).isEmpty();
        assertThat(new GoVersion(1, 26, 8).satisfies(new GoVersion(1, 26, 6))).isTrue();
        assertThat(new GoVersion(1, 26, 8).satisfies(new GoVersion(1, 27, 4))).isFalse();
        assertThat(new GoVersion(1, 27, 3).satisfies(new GoVersion(1, 27, 4))).isFalse();
    }

    @Test
    void goproxyListsProxiesUntilDirectOrOff() {
        assertThat(ModuleProxy.fromGoproxy("https://a.example/,https://b.example|direct,https://c.example").bases())
                .containsExactly(URI.create("https://a.example/"), URI.create("https://b.example/"));
        assertThat(ModuleProxy.fromGoproxy("off").bases()).isEmpty();
        assertThat(ModuleProxy.fromGoproxy(null).bases()).containsExactly(URI.create("https://proxy.golang.org/"));
        assertThat(ModuleProxy.escape("github.com/BurntSushi/toml")).isEqualTo("github.com/!burnt!sushi/toml");
    }
}
