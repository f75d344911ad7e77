package io.github.mikrotiktailscale.archive;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The filesystem a container sees: every layer applied in order, whiteouts and opaque directories
 * honoured, hard links sharing one {@link Inode}. Holds metadata per path, never file contents.
 */
final class RootfsTree {

    /** How many symlinks a lookup follows before calling it a loop (Linux's limit). */
    static final int MAX_SYMLINK_HOPS = 40;

    /** A path's entry; {@code layer} is the layer that put it there. */
    sealed interface Node permits Directory, RegularFile, Symlink, Special {
        int layer();
    }

    record Directory(int layer, int mode) implements Node {}

    record RegularFile(int layer, Inode inode) implements Node {}

    record Symlink(int layer, String target) implements Node {}

    record Special(int layer) implements Node {}

    /** A file's bytes on disk; hard links are several paths with the same inode (compared by identity). */
    static final class Inode {
        private final FileContent content;
        private final int mode;

        Inode(FileContent content, int mode) {
            this.content = content;
            this.mode = mode;
        }

        FileContent content() {
            return content;
        }

        int mode() {
            return mode;
        }

        long size() {
            return content.size();
        }
    }

    /** Where a path leads once symlinks are followed, or why it leads nowhere. */
    record Resolution(String path, Node node, String problem) {
        boolean resolved() {
            return node != null;
        }
    }

    private static final Directory ROOT = new Directory(0, 0755);

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private long danglingHardLinks;

    void apply(int layer, LayerEntry entry) {
        var path = entry.path();
        switch (entry.kind()) {
            case WHITEOUT -> {
                removeBelow(layer, path);
                removeDescendantsBelow(layer, path);
            }
            case OPAQUE -> removeDescendantsBelow(layer, path);
            case DIRECTORY -> {
                // A directory that reappears only changes its own metadata: its contents stay, no bytes.
                ensureParents(layer, path);
                nodes.put(path, new Directory(layer, entry.mode()));
            }
            case REGULAR -> replace(layer, path, new RegularFile(layer, new Inode(entry.content(), entry.mode())));
            case HARD_LINK -> {
                var target = nodes.get(entry.linkTarget());
                if (target instanceof RegularFile file) {
                    replace(layer, path, new RegularFile(layer, file.inode()));
                } else if (target instanceof Symlink link) {
                    replace(layer, path, new Symlink(layer, link.target()));
                } else {
                    danglingHardLinks++;
                }
            }
            case SYMLINK -> replace(layer, path, new Symlink(layer, entry.linkTarget()));
            case SPECIAL -> replace(layer, path, new Special(layer));
        }
    }

    /** A non-directory takes the place of whatever was at the path, a directory's contents included. */
    private void replace(int layer, String path, Node node) {
        ensureParents(layer, path);
        if (nodes.put(path, node) instanceof Directory) {
            removeDescendantsBelow(layer + 1, path);
        }
    }

    private void ensureParents(int layer, String path) {
        for (int slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
            var parent = path.substring(0, slash);
            if (nodes.get(parent) instanceof Directory) {
                return;
            }
            nodes.put(parent, new Directory(layer, 0755));
        }
    }

    private void removeBelow(int layer, String path) {
        var node = nodes.get(path);
        if (node != null && node.layer() < layer) {
            nodes.remove(path);
        }
    }

    /** Removes what layers below {@code layer} put under {@code directory}. */
    private void removeDescendantsBelow(int layer, String directory) {
        // '0' follows '/' in ASCII: the range holds exactly the paths under "directory/".
        NavigableMap<String, Node> below = directory.isEmpty() ? nodes : nodes.subMap(directory + "/", true,
                directory + "0", false);
        below.values().removeIf(node -> node.layer() < layer);
    }

    Node get(String path) {
        return path.isEmpty() ? ROOT : nodes.get(path);
    }

    Map<String, Node> nodes() {
        return Collections.unmodifiableNavigableMap(nodes);
    }

    long danglingHardLinks() {
        return danglingHardLinks;
    }

    /** Follows symlinks in every component, absolute targets from the image root, as a lookup in the container would. */
    Resolution resolve(String path) {
        var pending = new ArrayDeque<String>();
        push(pending, path);
        var current = "";
        int hops = 0;
        while (!pending.isEmpty()) {
            var component = pending.pollFirst();
            if (component.isEmpty() || component.equals(".")) {
                continue;
            }
            if (component.equals("..")) {
                current = parentOf(current);
                continue;
            }
            var next = current.isEmpty() ? component : current + "/" + component;
            var node = nodes.get(next);
            if (node == null) {
                return new Resolution(next, null, "/" + next + " does not exist");
            }
            if (node instanceof Symlink link) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    return new Resolution(next, null, "a loop: more than " + MAX_SYMLINK_HOPS + " symlinks followed");
                }
                if (link.target().startsWith("/")) {
                    current = "";
                }
                push(pending, link.target());
                continue;
            }
            if (!pending.isEmpty() && !(node instanceof Directory)) {
                return new Resolution(next, null, "/" + next + " is not a directory");
            }
            current = next;
        }
        return new Resolution(current, get(current), "");
    }

    private static void push(ArrayDeque<String> pending, String path) {
        var components = path.split("/");
        for (int i = components.length - 1; i >= 0; i--) {
            pending.offerFirst(components[i]);
        }
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Totals of the flattened filesystem, every inode counted once. */
    ExtractedSize extractedSize() {
        var inodes = Collections.newSetFromMap(new IdentityHashMap<Inode, Boolean>());
        long bytes = 0;
        long paths = 0;
        long symlinks = 0;
        long directories = 0;
        long special = 0;
        for (var node : nodes.values()) {
            if (node instanceof RegularFile file) {
                paths++;
                if (inodes.add(file.inode())) {
                    bytes += file.inode().size();
                }
            } else if (node instanceof Symlink) {
                symlinks++;
            } else if (node instanceof Directory) {
                directories++;
            } else {
                special++;
            }
        }
        return new ExtractedSize(bytes, inodes.size(), paths - inodes.size(), symlinks, directories, special);
    }
}
