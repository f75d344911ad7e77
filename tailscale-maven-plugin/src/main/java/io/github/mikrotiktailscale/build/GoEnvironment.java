package io.github.mikrotiktailscale.build;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Go's module settings of this machine, handed on to what compiles Go (the image build, the smoke harness). */
public final class GoEnvironment {

    static final List<String> NAMES = List.of("GOPROXY", "GONOSUMDB", "GOFLAGS");

    private GoEnvironment() {}

    /** Those of {@link #NAMES} set and not empty in this process's environment. */
    public static SortedMap<String, String> ofThisProcess() {
        var values = new TreeMap<String, String>();
        for (var name : NAMES) {
            var value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                values.put(name, value);
            }
        }
        return values;
    }
}
