package io.github.mikrotiktailscale.dockerfile;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** One file of the build context: its bytes and whether it is executable. */
public record ContextFile(byte[] content, boolean executable) {

    public ContextFile {
        content = content.clone();
    }

    public static ContextFile text(String text) {
        return new ContextFile(text.getBytes(StandardCharsets.UTF_8), false);
    }

    public static ContextFile script(String text) {
        return new ContextFile(text.getBytes(StandardCharsets.UTF_8), true);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    public String text() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContextFile that && executable == that.executable && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(content) + Boolean.hashCode(executable);
    }

    @Override
    public String toString() {
        return "ContextFile[" + content.length + " bytes" + (executable ? ", executable" : "") + "]";
    }
}
