package io.github.mikrotiktailscale.process;

import java.io.IOException;
import java.util.List;

/**
 * A program was stopped because it ran past its {@link ProcessLimit}. The message names the
 * command (program and subcommand, never later arguments, which may be long) and the limit.
 */
public final class ProcessTimedOut extends IOException {

    private static final long serialVersionUID = 1L;

    private final String command;

    public ProcessTimedOut(List<String> command, ProcessLimit limit) {
        super("'" + name(command) + "' " + limit.describe() + " and was stopped");
        this.command = name(command);
    }

    /** The program and its subcommand as shown in the message, e.g. {@code git push}. */
    public String command() {
        return command;
    }

    /** The program's file name and the words after it up to the first option, at most three words. */
    static String name(List<String> command) {
        if (command.isEmpty()) {
            return "(nothing)";
        }
        var program = command.get(0);
        var words = new StringBuilder(program.substring(program.lastIndexOf('/') + 1));
        for (int i = 1; i < command.size() && i < 3 && !command.get(i).startsWith("-"); i++) {
            words.append(' ').append(command.get(i));
        }
        return words.toString();
    }
}
