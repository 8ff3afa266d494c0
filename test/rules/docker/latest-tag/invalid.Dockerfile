# Base images that move under you.
ARG BASE=alpine
# expect: docker/latest-tag "node:latest"
FROM node:latest AS build
RUN npm ci

# expect: docker/latest-tag "python"
FROM python AS tools

# expect: docker/latest-tag "${BASE}"
FROM ${BASE} AS runtime

# expect: docker/latest-tag "nginx:latest"
FROM --platform=linux/amd64 nginx:latest AS proxy

# expect: docker/latest-tag "ghcr.io/acme/base"
FROM ghcr.io/acme/base
USER 1000
HEALTHCHECK CMD ["true"]
