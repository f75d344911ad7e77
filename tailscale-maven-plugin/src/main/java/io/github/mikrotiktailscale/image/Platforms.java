package io.github.mikrotiktailscale.image;

import io.github.mikrotiktailscale.problem.ConfigurationException;
import io.github.mikrotiktailscale.problem.Problems;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;

/** Parses the comma-separated platform list users type: {@code arm64,armv7} or Docker names. */
public final class Platforms {

    public static final String ELEMENT = "platforms";

    private Platforms() {}

    public static List<Platform> parse(String list) throws ConfigurationException {
        var problems = new Problems();
        var found = new LinkedHashSet<Platform>();
        var names = list == null ? new String[0] : list.split("[,\\s]+");
        for (var name : names) {
            if (name.isBlank()) {
                continue;
            }
            var platform = Platform.find(name);
            if (platform.isPresent()) {
                found.add(platform.get());
            } else {
                problems.add(ELEMENT, "'" + name.trim() + "' cannot be built: " + Platform.whyNot(name) + ".",
                        "Supported platforms: " + supported() + ".");
            }
        }
        if (found.isEmpty() && problems.isEmpty()) {
            problems.add(ELEMENT, "no platform given.", "Name one or more of: " + supported() + ".");
        }
        problems.throwIfAny();
        return new ArrayList<>(found);
    }

    /** {@code amd64 (linux/amd64), ...} */
    public static String supported() {
        return Arrays.stream(Platform.values())
                .map(p -> p.shortName() + " (" + p.dockerName() + ")")
                .collect(Collectors.joining(", "));
    }
}
