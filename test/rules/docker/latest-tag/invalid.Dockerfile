# Base images that move under you.
ARG BASE=alpine
ARG TOOLS_IMAGE=${BASE}
# expect: docker/latest-tag "node:latest"
FROM node:latest AS build
RUN npm ci

# expect: docker/latest-tag "python"
FROM python AS tools

# expect: docker/latest-tag "${BASE}"
FROM ${BASE} AS runtime

# A nested ARG default is expanded before judging: TOOLS_IMAGE is alpine, untagged.
# expect: docker/latest-tag "${TOOLS_IMAGE}"
FROM ${TOOLS_IMAGE} AS helper

# Quotes around the image do not hide it.
# expect: docker/latest-tag "\"redis:latest\""
FROM "redis:latest" AS cache

# expect: docker/latest-tag "nginx:latest"
FROM --platform=linux/amd64 nginx:latest AS proxy

# expect: docker/latest-tag "ghcr.io/acme/base"
# expect: docker/untrusted-registry "ghcr.io/acme/base"
FROM ghcr.io/acme/base
USER 1000
HEALTHCHECK CMD ["true"]
