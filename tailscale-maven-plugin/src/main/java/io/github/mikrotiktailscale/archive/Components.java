package io.github.mikrotiktailscale.archive;

import java.util.ArrayList;
import java.util.List;

/** Splits the flattened filesystem into the image's parts: Tailscale, busybox, CA bundle, entrypoint, the rest. */
final class Components {

    private Components() {}

    static List<ComponentSize> measure(RootfsTree tree, ExtractedSize extracted, ComponentPaths paths) {
        var sizes = new ArrayList<ComponentSize>();
        var tailscale = file(tree, paths.tailscaleBinary());
        long tailscaleLinks = paths.tailscaleLinks().stream()
                .filter(link -> tailscale != null && file(tree, link) == tailscale).count();
        sizes.add(size(ComponentSize.TAILSCALE, paths.tailscaleBinary(), tailscale, tailscaleLinks));
        var busybox = file(tree, paths.busybox());
        sizes.add(size(ComponentSize.BUSYBOX, paths.busybox(), busybox, busybox == null ? 0 : linksTo(tree, busybox)));
        sizes.add(size(ComponentSize.CA_BUNDLE, paths.caBundle(), file(tree, paths.caBundle()), 0));
        sizes.add(size(ComponentSize.ENTRYPOINT, paths.entrypoint(), file(tree, paths.entrypoint()), 0));
        long bytes = extracted.bytes();
        long files = extracted.files();
        for (var size : sizes) {
            bytes -= size.bytes();
            files -= size.files();
        }
        sizes.add(new ComponentSize(ComponentSize.OTHER, "", true, bytes, files, 0));
        return sizes;
    }

    /** The file a path names once symlinks are followed, or null. */
    static RootfsTree.Inode file(RootfsTree tree, String path) {
        if (path.isEmpty()) {
            return null;
        }
        var resolution = tree.resolve(path);
        return resolution.node() instanceof RootfsTree.RegularFile file ? file.inode() : null;
    }

    /** Symlinks anywhere in the image that end at this file: busybox's applets. */
    static long linksTo(RootfsTree tree, RootfsTree.Inode inode) {
        long links = 0;
        for (var entry : tree.nodes().entrySet()) {
            if (entry.getValue() instanceof RootfsTree.Symlink && file(tree, entry.getKey()) == inode) {
                links++;
            }
        }
        return links;
    }

    private static ComponentSize size(String name, String path, RootfsTree.Inode inode, long links) {
        return inode == null
                ? new ComponentSize(name, path, false, 0, 0, 0)
                : new ComponentSize(name, path, true, inode.size(), 1, links);
    }
}
