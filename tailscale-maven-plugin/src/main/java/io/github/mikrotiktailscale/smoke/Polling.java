package io.github.mikrotiktailscale.smoke;

import io.github.mikrotiktailscale.problem.EnvironmentException;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * Asking again until an answer is good or time is up: the one wait loop of the tailnet scenario.
 * Its clock is a seam, so the scenario's unit test runs its minutes of waiting in no time.
 */
final class Polling {

    /** Time as the scenario sees it. */
    interface Clock {
        Instant now();

        void sleep(Duration duration) throws InterruptedException;
    }

    static final Clock SYSTEM = new Clock() {
        @Override
        public Instant now() {
            return Instant.now();
        }

        @Override
        public void sleep(Duration duration) throws InterruptedException {
            Thread.sleep(duration.toMillis());
        }
    };

    /** One look at the world; may run a command. */
    @FunctionalInterface
    interface Probe<T> {
        T read() throws EnvironmentException, InterruptedException;
    }

    private final Clock clock;

    Polling(Clock clock) {
        this.clock = clock;
    }

    Instant now() {
        return clock.now();
    }

    void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            clock.sleep(duration);
        }
    }

    /** Reads until {@code good} accepts the reading or {@code timeout} has passed; returns the last reading. */
    <T> T until(Duration timeout, Duration interval, Probe<T> probe, Predicate<T> good)
            throws EnvironmentException, InterruptedException {
        return until(clock.now().plus(timeout), interval, probe, good);
    }

    /** As {@link #until(Duration, Duration, Probe, Predicate)}, up to an instant. */
    <T> T until(Instant deadline, Duration interval, Probe<T> probe, Predicate<T> good)
            throws EnvironmentException, InterruptedException {
        var reading = probe.read();
        while (!good.test(reading) && clock.now().isBefore(deadline)) {
            sleep(interval);
            reading = probe.read();
        }
        return reading;
    }

    /** Whether {@code condition} held before the deadline. */
    boolean within(Instant deadline, Duration interval, Probe<Boolean> condition)
            throws EnvironmentException, InterruptedException {
        return until(deadline, interval, condition, Boolean::booleanValue);
    }
}
