# A base image for others to build on: no command and no port of its own.
# ok: docker/missing-healthcheck
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates && rm -rf /var/lib/apt/lists/*
USER 1000
