# A binary copied into /usr/local/bin, then a later RUN adds a symlink next to it: that layer
# stores the directory entry and the link, not the binary.
FROM --platform=$BUILDPLATFORM tailscale-e2e/base:amd64 AS builder
RUN mkdir -p /out && head -c 300000 /dev/urandom > /out/big.bin && chmod 755 /out/big.bin

FROM tailscale-e2e/base:${TARGETARCH}${TARGETVARIANT}
COPY --from=builder /out/big.bin /usr/local/bin/big.bin
RUN ln -s big.bin /usr/local/bin/alias
