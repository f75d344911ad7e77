# Layers that delete (whiteouts), recreate a directory (an opaque directory) and hard-link,
# for comparing the analysis with an independent unpack.
FROM tailscale-e2e/base:${TARGETARCH}${TARGETVARIANT}
RUN mkdir -p /data/keep /data/gone /data/opaque \
 && head -c 100000 /dev/urandom > /data/keep/one \
 && head -c 20000 /dev/urandom > /data/keep/two \
 && ln /data/keep/two /data/keep/two-hard \
 && head -c 5000 /dev/urandom > /data/gone/three \
 && head -c 7000 /dev/urandom > /data/opaque/old
RUN rm -rf /data/gone /data/keep/one /data/opaque \
 && mkdir /data/opaque && echo new > /data/opaque/new \
 && ln -s ../keep/two /data/opaque/link
