#!/usr/bin/env python3
"""Shows what differs between two docker-archives (docker save) of the same image: the config
(created, history dates, diff_ids, everything else) and, per layer, each tar entry's mtime,
uid/gid, user/group names, mode, size, link target and content hash. For finding what stops two
builds from being bit-for-bit identical; publish's rewriting (docs/DESIGN.md) removes the times,
names and order, so what remains after it is real content.

Usage: .ci/diff-image-archives.py A.tar B.tar     exit 0 when identical, 1 otherwise
"""
import hashlib
import io
import json
import sys
import tarfile


def load(path):
    with tarfile.open(path) as outer:
        manifest = json.load(outer.extractfile("manifest.json"))[0]
        config = json.load(outer.extractfile(manifest["Config"]))
        layers = []
        for name in manifest["Layers"]:
            data = outer.extractfile(name).read()
            entries = {}
            order = []
            with tarfile.open(fileobj=io.BytesIO(data)) as layer:
                for member in layer.getmembers():
                    content = layer.extractfile(member).read() if member.isfile() else b""
                    entries[member.name] = dict(mtime=member.mtime, uid=member.uid, gid=member.gid,
                                                uname=member.uname, gname=member.gname, mode=oct(member.mode),
                                                size=member.size, link=member.linkname,
                                                sha256=hashlib.sha256(content).hexdigest()[:16],
                                                pax=sorted(member.pax_headers))
                    order.append(member.name)
            layers.append(dict(digest=hashlib.sha256(data).hexdigest(), entries=entries, order=order))
        return config, layers


def main(a_path, b_path):
    (a_config, a_layers), (b_config, b_layers) = load(a_path), load(b_path)
    differences = 0
    for key in sorted(set(a_config) | set(b_config)):
        if key == "rootfs":
            continue  # the layers' hashes: the layers below say why they differ
        if key == "history":
            for i, (x, y) in enumerate(zip(a_config.get(key, []), b_config.get(key, []))):
                for field in sorted(set(x) | set(y)):
                    if x.get(field) != y.get(field):
                        differences += 1
                        print(f"config history[{i}].{field}: {x.get(field)!r} | {y.get(field)!r}")
        elif a_config.get(key) != b_config.get(key):
            differences += 1
            print(f"config {key}: {json.dumps(a_config.get(key))[:160]} | {json.dumps(b_config.get(key))[:160]}")
    for i, (x, y) in enumerate(zip(a_layers, b_layers), 1):
        if x["digest"] == y["digest"]:
            print(f"layer {i}: identical ({len(x['order'])} entries)")
            continue
        print(f"layer {i}: differs ({x['digest'][:16]} | {y['digest'][:16]})")
        if x["order"] != y["order"]:
            print(f"  entry order differs")
        only_times = []
        for name in sorted(set(x["entries"]) | set(y["entries"])):
            ex, ey = x["entries"].get(name), y["entries"].get(name)
            if ex is None or ey is None:
                print(f"  {name}: only in {'B' if ex is None else 'A'}")
                continue
            changed = [f for f in ex if ex[f] != ey[f]]
            if changed == ["mtime"]:
                only_times.append(name)
            elif changed:
                print(f"  {name}: " + "; ".join(f"{f} {ex[f]!r} | {ey[f]!r}" for f in changed))
        if only_times:
            print(f"  {len(only_times)} of {len(x['entries'])} entries differ only in mtime"
                  f" (e.g. {', '.join(only_times[:3])})")
        differences += 1
    if len(a_layers) != len(b_layers):
        differences += 1
        print(f"layers: {len(a_layers)} | {len(b_layers)}")
    return 1 if differences else 0


if __name__ == "__main__":
    import signal
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
