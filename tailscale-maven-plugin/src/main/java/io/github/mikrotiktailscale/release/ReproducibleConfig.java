package io.github.mikrotiktailscale.release;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;

/**
 * The image config as published: its dates ({@code created}, each history step's) set to the
 * {@link SourceDate}, and its layer list ({@code rootfs.diff_ids}) naming the rewritten layers.
 * What depends on the engine rather than on the sources goes: the history keeps one entry per
 * step with its date and {@code empty_layer} but not its command text (the engine's BuildKit
 * records {@code ARG X=default}, a newer one the value it was given), and null members of
 * {@code config} ({@code "OnBuild": null} from docker save) are dropped. Labels, entrypoint,
 * command, environment and volumes stay as built.
 */
final class ReproducibleConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReproducibleConfig() {}

    static byte[] rewrite(byte[] config, List<String> diffIds, SourceDate date) throws IOException {
        var root = (ObjectNode) JSON.readTree(config);
        if (root.has("created")) {
            root.put("created", date.iso());
        }
        for (var step : root.path("history")) {
            if (step instanceof ObjectNode node) {
                node.retain("created", "empty_layer");
                if (node.has("created")) {
                    node.put("created", date.iso());
                }
            }
        }
        if (root.path("config") instanceof ObjectNode runConfig) {
            for (var fields = runConfig.fields(); fields.hasNext(); ) {
                if (fields.next().getValue().isNull()) {
                    fields.remove();
                }
            }
        }
        var rootfs = root.with("rootfs");
        if (!rootfs.has("type")) {
            rootfs.put("type", "layers");
        }
        var ids = rootfs.putArray("diff_ids");
        diffIds.forEach(ids::add);
        return JSON.writeValueAsBytes(root);
    }
}
