package io.github.mikrotiktailscale.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * A multi-stage Dockerfile as a value. Its constructor enforces the rules that keep the router
 * image small: the final stage runs nothing, and exactly one layer writes {@code /usr/local/bin}
 * (a later layer that changes a file already there stores the file a second time).
 */
public record Dockerfile(List<String> header, List<Stage> stages) {

    public static final String BINARY_DIRECTORY = "/usr/local/bin";

    public Dockerfile {
        header = List.copyOf(header);
        stages = List.copyOf(stages);
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a Dockerfile needs a stage");
        }
        var finalStage = stages.get(stages.size() - 1);
        for (var instruction : finalStage.instructions()) {
            if (instruction.keyword().equals("RUN")) {
                throw new IllegalStateException("the final stage must not RUN anything: a RUN there adds a layer"
                        + " that can store copied files a second time (" + instruction.arguments() + ")");
            }
        }
        var writers = finalStage.instructions().stream()
                .filter(i -> i.keyword().equals("COPY") || i.keyword().equals("ADD"))
                .filter(i -> writesBinaryDirectory(i.destination()))
                .count();
        if (writers > 1) {
            throw new IllegalStateException("only one layer of the final stage may write " + BINARY_DIRECTORY
                    + "; found " + writers);
        }
    }

    public Stage finalStage() {
        return stages.get(stages.size() - 1);
    }

    /** The Dockerfile's text. */
    public String render() {
        var out = new ArrayList<String>();
        header.forEach(line -> out.add(comment(line)));
        for (var stage : stages) {
            if (!out.isEmpty()) {
                out.add("");
            }
            stage.comment().forEach(line -> out.add(comment(line)));
            var from = new StringBuilder("FROM ");
            if (!stage.platform().isEmpty()) {
                from.append("--platform=").append(stage.platform()).append(' ');
            }
            from.append(stage.base());
            if (!stage.name().isEmpty()) {
                from.append(" AS ").append(stage.name());
            }
            out.add(from.toString());
            for (var instruction : stage.instructions()) {
                if (!instruction.comment().isEmpty()) {
                    out.add("");
                    instruction.comment().forEach(line -> out.add(comment(line)));
                }
                out.add(instruction.keyword() + " " + instruction.arguments());
            }
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * Whether a COPY destination is {@code /usr/local/bin}, inside it, or one of its parents. The root
     * directory is not counted: the stages copied there are the renderer's own and hold no
     * {@code usr/local/bin}.
     */
    static boolean writesBinaryDirectory(String destination) {
        var path = destination.endsWith("/") ? destination : destination + "/";
        var binary = BINARY_DIRECTORY + "/";
        return !path.equals("/") && (path.startsWith(binary) || binary.startsWith(path));
    }

    private static String comment(String line) {
        return line.isEmpty() ? "#" : "# " + line;
    }
}
