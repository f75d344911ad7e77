package io.github.mikrotiktailscale.image;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** An enum whose constants are chosen in the pom by a lower-case name. */
public interface ConfigName {

    /** The name as written in the pom. */
    String configName();

    /** The constant with that name, ignoring case and surrounding blanks. */
    static <E extends Enum<E> & ConfigName> Optional<E> find(Class<E> type, String name) {
        var wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.configName().equals(wanted)).findFirst();
    }

    /** Every name, for messages: {@code system, bakedroots}. */
    static <E extends Enum<E> & ConfigName> String names(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigName::configName).collect(Collectors.joining(", "));
    }
}
