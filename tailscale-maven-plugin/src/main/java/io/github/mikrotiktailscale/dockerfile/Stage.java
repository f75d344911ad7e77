package io.github.mikrotiktailscale.dockerfile;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code FROM} and what follows it.
 *
 * @param platform the {@code --platform} of the FROM line, empty for the target platform
 * @param name the stage name after {@code AS}, empty for the final stage
 */
public record Stage(String base, String platform, String name, List<String> comment, List<Instruction> instructions) {

    public Stage {
        comment = List.copyOf(comment);
        instructions = List.copyOf(instructions);
    }

    public static Builder from(String base) {
        return new Builder(base);
    }

    /** Adds instructions in order; each may carry its comment. */
    public static final class Builder {
        private final String base;
        private String platform = "";
        private String name = "";
        private final List<String> comment = new ArrayList<>();
        private final List<Instruction> instructions = new ArrayList<>();
        private List<String> pendingComment = List.of();

        private Builder(String base) {
            this.base = base;
        }

        public Builder platform(String platform) {
            this.platform = platform;
            return this;
        }

        public Builder as(String name) {
            this.name = name;
            return this;
        }

        public Builder describedAs(String... lines) {
            comment.addAll(List.of(lines));
            return this;
        }

        /** A comment for the next instruction. */
        public Builder why(String... lines) {
            pendingComment = List.of(lines);
            return this;
        }

        public Builder add(String keyword, String arguments) {
            instructions.add(new Instruction(keyword, arguments, pendingComment));
            pendingComment = List.of();
            return this;
        }

        public Stage build() {
            return new Stage(base, platform, name, comment, instructions);
        }
    }
}
