package io.github.mikrotiktailscale.image;

import java.util.ArrayList;
import java.util.List;

/**
 * How the image starts {@code tailscaled}: the paths it uses and the flags of the default command.
 *
 * @param stateDirectory the persistent volume; the only place that should ever touch flash
 * @param socket the LocalAPI socket; its directory belongs on tmpfs
 * @param noLogsNoSupport pass {@code --no-logs-no-support}: no log uploads, no log buffering to disk
 * @param extraArguments further daemon flags, appended as given
 */
public record DaemonOptions(String stateDirectory, String socket, boolean noLogsNoSupport, List<String> extraArguments) {

    public static final String DEFAULT_STATE_DIRECTORY = "/var/lib/tailscale";
    public static final String DEFAULT_SOCKET = "/var/run/tailscale/tailscaled.sock";

    public DaemonOptions {
        extraArguments = List.copyOf(extraArguments);
    }

    public static DaemonOptions defaults() {
        return new DaemonOptions(DEFAULT_STATE_DIRECTORY, DEFAULT_SOCKET, true, List.of());
    }

    public String stateFile() {
        return stateDirectory + "/tailscaled.state";
    }

    /** The image's default command: the daemon's arguments. */
    public List<String> arguments() {
        var args = new ArrayList<String>();
        if (noLogsNoSupport) {
            args.add("--no-logs-no-support");
        }
        args.add("--state=" + stateFile());
        args.add("--socket=" + socket);
        args.add("--statedir=" + stateDirectory);
        args.addAll(extraArguments);
        return args;
    }
}
