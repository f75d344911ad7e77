package io.github.mikrotiktailscale.feature;

/** Whether a catalogue feature is in the build, and how it got there. */
public enum Inclusion {
    /** Listed by the project. */
    CHOSEN,
    /** Not listed, but a chosen feature needs it. */
    PULLED_IN,
    /** Left out of the build ({@code ts_omit_<name>}). */
    OMITTED;

    public boolean kept() {
        return this != OMITTED;
    }
}
