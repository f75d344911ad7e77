package io.github.mikrotiktailscale.canary;

import io.github.mikrotiktailscale.feature.FeatureCatalog;
import io.github.mikrotiktailscale.feature.TailscaleVersion;
import io.github.mikrotiktailscale.gomodule.GoVersion;
import java.util.Optional;

/** Where the canary gets feature catalogues: the plugin's own, or one generated from the release's source. */
public interface CatalogueSource {

    /** The plugin's catalogue for exactly this minor line, if it has one. */
    Optional<FeatureCatalog> bundled(String minorLine);

    /** A catalogue read from the release's own featuretags with the given Go. */
    Generated generate(TailscaleVersion version, GoVersion go) throws InterruptedException;

    /** A generated catalogue, or why there is none. */
    record Generated(Optional<FeatureCatalog> catalog, String where) {}
}
