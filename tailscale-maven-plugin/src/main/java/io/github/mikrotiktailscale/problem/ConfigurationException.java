package io.github.mikrotiktailscale.problem;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The user's configuration cannot be used as it is. Carries every problem found, so one run
 * reports all of them rather than the first.
 */
public class ConfigurationException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public ConfigurationException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigurationException(Problem problem) {
        this(List.of(problem));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.size() == 1) {
            return problems.get(0).describe();
        }
        return problems.size() + " configuration problems:" + System.lineSeparator()
                + problems.stream()
                        .map(p -> "  - " + p.describe().replace(System.lineSeparator(), System.lineSeparator() + "  "))
                        .collect(Collectors.joining(System.lineSeparator()));
    }
}
