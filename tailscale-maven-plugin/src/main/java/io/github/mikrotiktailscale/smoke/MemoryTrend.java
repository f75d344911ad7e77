package io.github.mikrotiktailscale.smoke;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Whether a daemon's memory over a long run looks like a leak. Go keeps freed heap for a while and
 * bursts of traffic leave peaks, so single samples say little; the rule compares medians:
 *
 * <ul>
 *   <li>growth: the median of the last {@code edgeMinutes} minus the median of the first ones;</li>
 *   <li>trend: the least-squares slope over the second half of the run.</li>
 * </ul>
 *
 * A leak is growth above {@code maxGrowthMb} <em>and</em> a rising trend above
 * {@code maxSlopeMbPerMinute}: a step up that then stays flat (a larger steady heap after the
 * first bursts) passes, a curve still climbing at the end fails.
 */
record MemoryTrend(double firstMedianMb, double lastMedianMb, double slopeMbPerMinute, boolean leak) {

    /** One sample: seconds since the start, the daemon's RSS in MB. */
    record Sample(double seconds, double megabytes) {}

    static MemoryTrend of(List<Sample> samples, double edgeMinutes, double maxGrowthMb, double maxSlopeMbPerMinute) {
        if (samples.size() < 4) {
            throw new IllegalArgumentException("a trend needs at least 4 samples, got " + samples.size());
        }
        double end = samples.get(samples.size() - 1).seconds();
        double start = samples.get(0).seconds();
        double edge = edgeMinutes * 60;
        if (end - start < 2 * edge) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the run (%.0f s) is shorter than twice"
                    + " the %.0f s compared at each end; run longer or compare less", end - start, edge));
        }
        double first = median(samples.stream().filter(s -> s.seconds() <= start + edge).mapToDouble(Sample::megabytes)
                .toArray());
        double last = median(samples.stream().filter(s -> s.seconds() >= end - edge).mapToDouble(Sample::megabytes)
                .toArray());
        double middle = (start + end) / 2;
        double slope = slopePerMinute(samples.stream().filter(s -> s.seconds() >= middle).toList());
        return new MemoryTrend(first, last, slope, last - first > maxGrowthMb && slope > maxSlopeMbPerMinute);
    }

    double growthMb() {
        return lastMedianMb - firstMedianMb;
    }

    String describe() {
        return String.format(Locale.ROOT, "first minutes %.1f MB, last minutes %.1f MB (%+.1f MB), second half"
                + " %+.2f MB/min: %s", firstMedianMb, lastMedianMb, growthMb(), slopeMbPerMinute,
                leak ? "LEAK-SHAPED" : "no leak");
    }

    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        var sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double slopePerMinute(List<Sample> samples) {
        double meanX = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double meanY = samples.stream().mapToDouble(Sample::megabytes).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (var s : samples) {
            covariance += (s.seconds() - meanX) * (s.megabytes() - meanY);
            variance += (s.seconds() - meanX) * (s.seconds() - meanX);
        }
        return variance == 0 ? 0 : covariance / variance * 60;
    }
}
