package io.github.mikrotiktailscale.release;

import java.time.Duration;

/**
 * How often and how patiently the registry client tries again after a refused connection, a 5xx
 * or a 429: the wait doubles from {@code firstDelay} up to {@code maxDelay}, or is what the
 * registry's {@code Retry-After} asks, within the same bound.
 *
 * @param attempts tries in all, at least one
 * @param sleeper how a wait is spent (tests record it instead)
 */
public record RegistryRetries(int attempts, Duration firstDelay, Duration maxDelay, Sleeper sleeper) {

    public RegistryRetries {
        attempts = Math.max(1, attempts);
    }

    public static RegistryRetries of(int attempts, Duration firstDelay) {
        return new RegistryRetries(attempts, firstDelay, Duration.ofSeconds(30), d -> Thread.sleep(d.toMillis()));
    }

    /** The wait before try {@code attempt + 1}. */
    Duration delayAfter(int attempt, Duration retryAfter) {
        var doubled = firstDelay.multipliedBy(1L << Math.min(attempt - 1, 20));
        var wait = doubled.compareTo(maxDelay) > 0 ? maxDelay : doubled;
        if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
            wait = retryAfter.compareTo(maxDelay) > 0 ? maxDelay : retryAfter;
        }
        return wait;
    }

    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }
}
