# Pipes with pipefail on, and look-alikes that are not pipes that can fail.
FROM debian:bookworm-slim AS base
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
# ok: docker/pipefail
RUN curl -fsSL https://apt.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg

# A stage built on another stage keeps its SHELL.
FROM base AS derived
# ok: docker/pipefail
RUN curl -fsSL https://downloads.example.com/a.tgz | tar -xz -C /opt

FROM alpine:3.20 AS tools
# ok: docker/pipefail
RUN set -o pipefail && curl -fsSL https://downloads.example.com/tool.tgz | tar -xz -C /usr/local/bin
# ok: docker/pipefail
RUN set -euxo pipefail; wget -qO- https://downloads.example.com/b.tgz | tar -xz -C /opt
# echo cannot fail: there is nothing for pipefail to catch.
# ok: docker/pipefail
RUN echo "3f4a9c0e  /opt/b.tgz" | sha256sum -c -
# ok: docker/pipefail
RUN curl -fsSL -o /tmp/c.tgz https://downloads.example.com/c.tgz || curl -fsSL -o /tmp/c.tgz https://mirror.example.com/c.tgz
# ok: docker/pipefail
RUN echo 'a | b' > /tmp/not-a-pipe
# Alternatives of a case pattern are not pipes.
# ok: docker/pipefail
RUN case "$(uname -m)" in x86_64 | aarch64) curl -fsSL -o /tmp/e.tgz https://downloads.example.com/e.tgz ;; *) exit 1 ;; esac
# Local commands: no download to lose (hadolint would still ask for pipefail).
# ok: docker/pipefail
RUN ldd /usr/bin/curl | grep -q libssl
# ok: docker/pipefail
SHELL ["/bin/ash", "-eo", "pipefail", "-c"]
# ok: docker/pipefail
RUN curl -fsSL https://downloads.example.com/d.tgz | tar -xz -C /opt

FROM alpine:3.20 AS pwsh
SHELL ["pwsh", "-Command"]
# ok: docker/pipefail
RUN Get-Content /etc/os-release | Select-String VERSION

FROM node:20.18-alpine
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
