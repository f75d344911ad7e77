package io.github.mikrotiktailscale.docker;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** {@link Exec} with the JDK's {@link ProcessBuilder}: no shell, arguments passed as they are. */
public final class ProcessExec implements Exec {

    @Override
    public int run(List<String> command, Path directory, Map<String, String> environment, Consumer<String> lines)
            throws IOException, InterruptedException {
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        var process = builder.start();
        process.getOutputStream().close();
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines.accept(line);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            if (Thread.currentThread().isInterrupted()) {
                process.destroyForcibly();
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            // Maven was stopped: do not leave a build running behind it.
            process.destroyForcibly();
            throw e;
        }
    }
}
