# Pipes whose first command can fail unnoticed.
FROM debian:bookworm-slim AS keys
# dash is /bin/sh here: the suggestion switches the stage to bash (one SHELL line for the stage).
# expect: docker/pipefail "curl -fsSL https://apt.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg"
RUN curl -fsSL https://apt.example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
# set -o pipefail after the pipe comes too late.
# expect: docker/pipefail "curl -fsSL https://downloads.example.com/a.tgz | tar -xz -C /opt"
RUN curl -fsSL https://downloads.example.com/a.tgz | tar -xz -C /opt && set -o pipefail
RUN <<EOF
set -e
# expect: docker/pipefail "wget -qO- https://downloads.example.com/b.tgz | tar -xz -C /opt"
wget -qO- https://downloads.example.com/b.tgz | tar -xz -C /opt
EOF

FROM alpine:3.20 AS tools
# expect: docker/pipefail "curl -fsSL https://downloads.example.com/tool.tgz | tar -xz -C /usr/local/bin"
RUN curl -fsSL https://downloads.example.com/tool.tgz | tar -xz -C /usr/local/bin
# expect: docker/curl-pipe-shell "wget -qO- https://get.example.com/install.sh | sh"
# expect: docker/pipefail "wget -qO- https://get.example.com/install.sh | sh"
RUN wget -qO- https://get.example.com/install.sh | sh
# A bash SHELL without -o pipefail.
SHELL ["/bin/bash", "-c"]
# expect: docker/pipefail "curl -fsS https://api.example.com/releases.json |& tee /tmp/releases.json"
RUN curl -fsS https://api.example.com/releases.json |& tee /tmp/releases.json

FROM python:3.12-slim AS strict
SHELL ["/bin/bash", "-o", "pipefail", "-c"]

# FROM an image (not the stage above) starts with that image's shell: the SHELL is not inherited.
FROM python:3.12-slim AS fresh
# expect: docker/pipefail "curl -fsSL https://downloads.example.com/c.tgz | tar -xz -C /opt"
RUN curl -fsSL https://downloads.example.com/c.tgz | tar -xz -C /opt

FROM nginx:1.27.3 AS web
# expect: docker/pipefail "curl -fsSL https://downloads.example.com/site.tgz | tar -xz -C /usr/share/nginx/html"
RUN curl -fsSL https://downloads.example.com/site.tgz | tar -xz -C /usr/share/nginx/html

FROM node:20.18-alpine
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
