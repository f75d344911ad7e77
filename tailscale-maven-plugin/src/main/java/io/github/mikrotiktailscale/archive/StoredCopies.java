package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every regular file each layer stores, by path, to find the paths stored more than once. Keeps
 * one small record per copy (size, digest, mode), never the bytes.
 */
final class StoredCopies {

    private record Copy(int layer, FileContent content, int mode) {}

    /** A path's single copy, or a list once there are more: most paths have one. */
    private final Map<String, Object> copies = new HashMap<>();

    @SuppressWarnings("unchecked")
    void add(int layer, String path, FileContent content, int mode) {
        var copy = new Copy(layer, content, mode);
        var existing = copies.putIfAbsent(path, copy);
        if (existing instanceof Copy first) {
            var list = new ArrayList<Copy>(2);
            list.add(first);
            list.add(copy);
            copies.put(path, list);
        } else if (existing != null) {
            ((List<Copy>) existing).add(copy);
        }
    }

    /** Paths stored by more than one layer, with what the hidden copies cost. */
    @SuppressWarnings("unchecked")
    List<Duplicate> duplicates(RootfsTree tree) {
        var found = new ArrayList<Duplicate>();
        for (var entry : copies.entrySet()) {
            if (!(entry.getValue() instanceof List<?>)) {
                continue;
            }
            var list = (List<Copy>) entry.getValue();
            var path = entry.getKey();
            var last = list.get(list.size() - 1);
            boolean lastVisible = tree.get(path) instanceof RootfsTree.RegularFile file && file.layer() == last.layer();
            long wasted = 0;
            for (int i = 0; i < list.size(); i++) {
                if (i < list.size() - 1 || !lastVisible) {
                    wasted += list.get(i).content().size();
                }
            }
            boolean sameBytes = list.stream().allMatch(c -> c.content().sameBytes(list.get(0).content()));
            found.add(new Duplicate(path, list.stream().map(c -> new Duplicate.Copy(c.layer(), c.content().size(),
                    String.format("%04o", c.mode()), c.content().digest())).toList(), wasted,
                    sameBytes ? Duplicate.METADATA : Duplicate.CONTENT));
        }
        found.sort(Comparator.comparingLong(Duplicate::wastedBytes).reversed().thenComparing(Duplicate::path));
        return found;
    }

    /** Bytes of files stored once and then deleted or replaced by a later layer: stored, never seen. */
    long removedBytes(RootfsTree tree) {
        long removed = 0;
        for (var entry : copies.entrySet()) {
            if (entry.getValue() instanceof Copy copy
                    && !(tree.get(entry.getKey()) instanceof RootfsTree.RegularFile file && file.layer() == copy.layer())) {
                removed += copy.content().size();
            }
        }
        return removed;
    }
}
