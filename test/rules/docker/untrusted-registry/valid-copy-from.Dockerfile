# syntax=docker/dockerfile:1
# Stage names, stage indexes and trusted images in COPY --from and RUN --mount.
FROM golang:1.23-alpine AS build
WORKDIR /src
# ok: docker/untrusted-registry
COPY --from=ghcr.io/astral-sh/uv:0.5.4 /uv /usr/local/bin/uv
# ok: docker/untrusted-registry
RUN --mount=type=cache,target=/root/.cache/go-build --mount=type=bind,from=golang:1.23-alpine,source=/usr/local/go,target=/mnt/go go build -o /server .
# ok: docker/untrusted-registry
RUN --mount=type=secret,id=token,env=TOKEN ./fetch.sh

FROM alpine:3.20 AS certs
RUN apk add --no-cache ca-certificates

FROM scratch
# ok: docker/untrusted-registry
COPY --from=build /server /server
# ok: docker/untrusted-registry
COPY --from=1 /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
# ok: docker/untrusted-registry
COPY --from=BUILD /src/config.json /config.json
# ok: docker/untrusted-registry
COPY --from=mcr.microsoft.com/dotnet/runtime-deps:8.0 /etc/ssl/openssl.cnf /etc/ssl/openssl.cnf
# ok: docker/untrusted-registry
COPY --from=ghcr.io/github/github-mcp-server:v0.5.0 /server/github-mcp-server /github-mcp-server
USER 65532:65532
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
