package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The same bytes stored under several paths of the flattened filesystem as separate files (not
 * hard links): all but one copy could be a link.
 */
public record IdenticalContent(List<String> paths, long bytesEach, String digest, long wastedBytes) {

    public IdenticalContent {
        paths = List.copyOf(paths);
    }

    public String describe() {
        return paths.size() + " files hold the same " + bytesEach + " bytes (" + String.join(", ",
                paths.stream().map(p -> "/" + p).toList()) + "): " + ByteSize.format(wastedBytes) + " wasted ("
                + wastedBytes + " bytes; keep one and make the others links)";
    }

    /** Groups the flattened filesystem's files (each inode once, empty ones left out) by size and digest. */
    static List<IdenticalContent> find(RootfsTree tree) {
        var seen = Collections.newSetFromMap(new IdentityHashMap<RootfsTree.Inode, Boolean>());
        Map<FileContent, List<String>> byContent = new HashMap<>();
        for (var entry : tree.nodes().entrySet()) {
            if (entry.getValue() instanceof RootfsTree.RegularFile file && file.inode().size() > 0
                    && seen.add(file.inode())) {
                byContent.computeIfAbsent(file.inode().content(), c -> new ArrayList<>(1))
                        .add(entry.getKey());
            }
        }
        var found = new ArrayList<IdenticalContent>();
        byContent.forEach((content, paths) -> {
            if (paths.size() > 1) {
                found.add(new IdenticalContent(paths, content.size(), content.digest(),
                        content.size() * (paths.size() - 1)));
            }
        });
        found.sort(Comparator.comparingLong(IdenticalContent::wastedBytes).reversed()
                .thenComparing(i -> i.paths().get(0)));
        return found;
    }
}
