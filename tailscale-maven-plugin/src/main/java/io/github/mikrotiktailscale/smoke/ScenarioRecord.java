package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.progress.Progress;
import java.util.ArrayList;
import java.util.List;

/** What the tailnet scenario found so far: its checks (each reported as it is made), figures and notes. */
final class ScenarioRecord {

    private final Progress progress;
    private final List<Check> checks = new ArrayList<>();
    private final List<Figure> figures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    ScenarioRecord(Progress progress) {
        this.progress = progress;
    }

    void add(Check check) {
        checks.add(check);
        progress.info(check.line());
    }

    /** A measured figure; one that could not be measured (NaN) is left out. */
    void figure(String name, double value, String unit, String what) {
        if (Double.isFinite(value)) {
            figures.add(new Figure(name, value, unit, what));
        }
    }

    void note(String note) {
        notes.add(note);
    }

    TailnetSmoke.Outcome outcome() {
        return new TailnetSmoke.Outcome(List.copyOf(checks), List.copyOf(figures), List.copyOf(notes));
    }
}
