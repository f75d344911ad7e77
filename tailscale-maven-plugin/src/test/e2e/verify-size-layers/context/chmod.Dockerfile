# A binary copied into /usr/local/bin, then chmod-ed by a later RUN: that layer stores the
# whole file again, though only its mode changed.
FROM --platform=$BUILDPLATFORM tailscale-e2e/base:amd64 AS builder
RUN mkdir -p /out && head -c 300000 /dev/urandom > /out/big.bin && chmod 755 /out/big.bin

FROM tailscale-e2e/base:${TARGETARCH}${TARGETVARIANT}
COPY --from=builder /out/big.bin /usr/local/bin/big.bin
RUN chmod 700 /usr/local/bin/big.bin
