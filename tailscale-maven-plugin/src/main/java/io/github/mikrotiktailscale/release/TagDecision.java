package io.github.mikrotiktailscale.release;

import java.util.Optional;

/** What the tag step does on this run. */
public sealed interface TagDecision {

    /** The release this run is about; empty when there is none. */
    Optional<ReleaseVersion> release();

    /** Create this annotated tag on HEAD. */
    record Create(ReleaseVersion version) implements TagDecision {
        @Override
        public Optional<ReleaseVersion> release() {
            return Optional.of(version);
        }
    }

    /** HEAD already carries this release tag: use it as it is. */
    record Reuse(ReleaseVersion version) implements TagDecision {
        @Override
        public Optional<ReleaseVersion> release() {
            return Optional.of(version);
        }
    }

    /** Nothing to release (automatic tagging only); the reason is shown. */
    record Skip(String reason) implements TagDecision {
        @Override
        public Optional<ReleaseVersion> release() {
            return Optional.empty();
        }
    }
}
