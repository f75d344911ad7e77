package io.github.mikrotiktailscale.smoke;

import java.util.List;
import java.util.regex.Pattern;

/**
 * What Go's {@code GODEBUG=gctrace=1} printed (one line per collection, on the daemon's stderr):
 * {@code gc 12 @3.4s 2%: ..., 41->43->9 MB, 44 MB goal, ...}. The heap when a collection started
 * versus what was still live after it tells garbage waiting for the next GC (GOGC's slack) from
 * memory really in use (buffers held in queues).
 *
 * @param collections how many GCs ran
 * @param maxHeapAtStart the largest heap a GC started with, MB
 * @param maxLive the largest heap still live after a GC, MB
 * @param maxGoal the largest heap goal, MB
 * @param gcCpuPercent the share of CPU the GC had used since the start, by the last line
 */
record GcTrace(int collections, int maxHeapAtStart, int maxLive, int maxGoal, int gcCpuPercent) {

    private static final Pattern LINE = Pattern.compile(
            "gc \\d+ @[\\d.]+s (\\d+)%:.*?(\\d+)->(\\d+)->(\\d+) MB, (\\d+) MB goal");

    static GcTrace parse(List<String> lines) {
        int count = 0;
        int start = 0;
        int live = 0;
        int goal = 0;
        int cpu = 0;
        for (var line : lines) {
            var m = LINE.matcher(line);
            if (m.find()) {
                count++;
                cpu = Integer.parseInt(m.group(1));
                start = Math.max(start, Integer.parseInt(m.group(2)));
                live = Math.max(live, Integer.parseInt(m.group(4)));
                goal = Math.max(goal, Integer.parseInt(m.group(5)));
            }
        }
        return new GcTrace(count, start, live, goal, cpu);
    }
}
