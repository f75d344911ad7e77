package io.github.mikrotiktailscale.problem;

import java.util.ArrayList;
import java.util.List;

/** Collects problems while a configuration is validated, then fails once with all of them. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();

    public void add(Problem problem) {
        found.add(problem);
    }

    public void add(String element, String message, String suggestion) {
        found.add(new Problem(element, message, suggestion));
    }

    public void addAll(List<Problem> problems) {
        found.addAll(problems);
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public void throwIfAny() throws ConfigurationException {
        if (!found.isEmpty()) {
            throw new ConfigurationException(found);
        }
    }
}
