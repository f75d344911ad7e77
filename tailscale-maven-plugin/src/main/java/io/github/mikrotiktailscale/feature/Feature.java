package io.github.mikrotiktailscale.feature;

import java.util.List;
import java.util.Objects;

/**
 * One Tailscale build feature as {@code feature/featuretags} declares it. Leaving feature
 * {@code x} out of a build is the Go build tag {@code ts_omit_x}; {@code cli} is the one opt-in
 * feature ({@code ts_include_cli}).
 *
 * @param requires the features this one cannot work without (direct dependencies only)
 * @param implementationDetail true for internal features nobody chooses on their own, such as {@code c2n}
 */
public record Feature(String name, String description, List<String> requires, boolean implementationDetail) {

    public Feature {
        Objects.requireNonNull(name, "name");
        description = description == null ? "" : description;
        requires = List.copyOf(requires);
    }
}
