package io.github.mikrotiktailscale.gomodule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a {@code go.mod} says about building its module: the Go release it needs and the module
 * versions it pins (direct and indirect: since Go 1.17 go.mod lists the whole build graph).
 */
public record GoModFile(Optional<GoVersion> go, List<Requirement> requirements) {

    /** One pinned module. */
    public record Requirement(String path, String version) {
        @Override
        public String toString() {
            return path + "@" + version;
        }
    }

    public GoModFile {
        requirements = List.copyOf(requirements);
    }

    public static GoModFile parse(String text) {
        Optional<GoVersion> go = Optional.empty();
        var requirements = new ArrayList<Requirement>();
        boolean inRequireBlock = false;
        for (var raw : text.split("\n")) {
            var line = raw.replaceAll("//.*$", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            if (inRequireBlock) {
                if (line.equals(")")) {
                    inRequireBlock = false;
                } else {
                    requirement(line).ifPresent(requirements::add);
                }
            } else if (line.startsWith("go ")) {
                go = GoVersion.parse(line.substring(3));
            } else if (line.equals("require (")) {
                inRequireBlock = true;
            } else if (line.startsWith("require ")) {
                requirement(line.substring("require ".length())).ifPresent(requirements::add);
            }
        }
        return new GoModFile(go, requirements);
    }

    private static Optional<Requirement> requirement(String line) {
        var parts = line.trim().split("\\s+");
        return parts.length >= 2 ? Optional.of(new Requirement(parts[0], parts[1])) : Optional.empty();
    }
}
