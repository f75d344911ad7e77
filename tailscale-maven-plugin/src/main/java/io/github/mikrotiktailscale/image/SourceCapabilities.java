package io.github.mikrotiktailscale.image;

import io.github.mikrotiktailscale.feature.Capability;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What a project's source changes provide in place of features, each with the change that does it. */
public final class SourceCapabilities {

    private SourceCapabilities() {}

    public static Map<Capability, String> of(List<SourcePatch> patches, List<SourceFile> sourceFiles) {
        var provided = new EnumMap<Capability, String>(Capability.class);
        for (var patch : patches) {
            Capability.of(patch.provides()).ifPresent(c -> provided.put(c, "patch " + patch.fileName()));
        }
        for (var file : sourceFiles) {
            Capability.of(file.provides()).ifPresent(c -> provided.put(c, "the added " + file.target()));
        }
        return provided;
    }
}
