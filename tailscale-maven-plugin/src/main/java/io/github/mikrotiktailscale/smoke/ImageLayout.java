package io.github.mikrotiktailscale.smoke;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;

/**
 * Where the image under test keeps its state and socket, read from its config (VOLUME and the
 * daemon flags of CMD) rather than assumed: the smoke run mounts the volume there and asks the
 * CLI on that socket.
 *
 * @param stateDirectory the volume: what sits on the router's flash
 * @param stateFile the state file's path relative to {@code stateDirectory}, or its absolute path
 *     when it lies elsewhere (then it does not survive a restart)
 * @param socket the LocalAPI socket the daemon listens on
 */
record ImageLayout(String stateDirectory, String stateFile, String socket) {

    static final String DEFAULT_STATE_DIRECTORY = "/var/lib/tailscale";
    static final String DEFAULT_SOCKET = "/var/run/tailscale/tailscaled.sock";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Reads the output of {@code docker image inspect --format '{{json .Config}}'}. */
    static ImageLayout parse(String configJson) {
        try {
            var config = JSON.readTree(configJson.strip());
            var volumes = new ArrayList<String>();
            config.path("Volumes").fieldNames().forEachRemaining(volumes::add);
            var directory = volumes.isEmpty() ? DEFAULT_STATE_DIRECTORY : volumes.get(0);
            String state = "";
            String statedir = "";
            String socket = DEFAULT_SOCKET;
            for (var arg : config.path("Cmd")) {
                var text = arg.asText();
                if (text.startsWith("--state=")) {
                    state = text.substring("--state=".length());
                } else if (text.startsWith("--statedir=")) {
                    statedir = text.substring("--statedir=".length());
                } else if (text.startsWith("--socket=")) {
                    socket = text.substring("--socket=".length());
                }
            }
            if (state.isEmpty()) {
                // tailscaled's own default with only --statedir
                state = (statedir.isEmpty() ? directory : statedir) + "/tailscaled.state";
            }
            var prefix = directory.endsWith("/") ? directory : directory + "/";
            var relative = state.startsWith(prefix) ? state.substring(prefix.length()) : state;
            return new ImageLayout(directory, relative, socket);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the image config is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** True when the state file lies on the volume, so a restart keeps it. */
    boolean stateOnVolume() {
        return !stateFile.startsWith("/");
    }
}
