package io.github.mikrotiktailscale.archive;

import java.util.List;

/** Why images fail the size check, and what to do about each kind of failure: the verify-size goal's failure message. */
public final class SizeFailure {

    private SizeFailure() {}

    /** The table with the failing rows marked, the reasons, and what to do about each kind. */
    public static String describe(SizeReport report, String expectationsFile, java.nio.file.Path markdownReport) {
        var nl = System.lineSeparator();
        var text = new StringBuilder("The images do not pass the size check:").append(nl).append(nl);
        SizeTable.text(report).forEach(line -> text.append(line).append(nl));
        text.append(nl);
        report.problems().forEach(problem -> text.append("- ").append(problem).append(nl));
        text.append(nl).append("What to do:").append(nl);
        var failing = report.images().stream().filter(report::offending).toList();
        if (failing.stream().anyMatch(report::overBudget)) {
            var over = failing.stream().filter(report::overBudget).toList();
            text.append("- Over budget: leave out features you do not need (mvn tailscale:features lists them), or"
                    + " raise the budget, for example ").append(budgetExample(over)).append('.').append(nl);
        }
        if (report.failOnDuplicates() && failing.stream().anyMatch(report::storesTwice)) {
            text.append("- Stored twice: a layer that changes a file an earlier layer copied (RUN chmod, chown, touch,"
                    + " strip, upx, sed -i) stores the whole file again. Prepare the files completely in a builder"
                    + " stage and bring them in with one COPY; links (RUN ln -s) cost nothing. For identical content,"
                    + " keep one file and link the others. To accept it: -Dtailscale.failOnDuplicates=false.")
                    .append(nl);
        }
        if (failing.stream().anyMatch(image -> !image.failedChecks().isEmpty())) {
            text.append("- Failed checks: the image is not what the configuration asked for (").append(expectationsFile)
                    .append("). Run 'mvn package' so generate and build run together; for a Dockerfile of your own,"
                            + " point -Dtailscale.expectationsFile at a file that does not exist.").append(nl);
        }
        text.append("Reports: ").append(markdownReport);
        return text.toString();
    }

    private static String budgetExample(List<ImageSize> over) {
        var image = over.get(0);
        // the stored size rounded up to the next 0.1 MB
        var suggested = (image.storedBytes() + 99_999) / 100_000 * 100_000;
        var size = ByteSize.format(suggested).replace(" ", "");
        return "<budgets><" + image.name() + ">" + size + "</" + image.name() + "></budgets> or -Dtailscale.budget."
                + image.name() + "=" + size;
    }
}
