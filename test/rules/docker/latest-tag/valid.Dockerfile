# Pinned images, stage references, scratch, and ARGs without a default.
ARG PY_VERSION=3.12
ARG PY_BASE=python:${PY_VERSION}-slim
ARG REGISTRY
ARG APP_BASE=$REGISTRY/platform/app
# ok: docker/latest-tag
FROM node:20.18-alpine AS build
RUN npm ci

# ok: docker/latest-tag
FROM build AS test

# ok: docker/latest-tag
FROM scratch AS empty

ARG RUNTIME_IMAGE
# An ARG without a default is set at build time; nothing to judge here.
# ok: docker/latest-tag
FROM ${RUNTIME_IMAGE} AS custom

# A nested ARG default: PY_BASE is python:3.12-slim once PY_VERSION is expanded.
# ok: docker/latest-tag
FROM ${PY_BASE} AS python-tools

# APP_BASE depends on REGISTRY, which has no default: the image is not known.
# ok: docker/latest-tag
FROM ${APP_BASE} AS app

# A placeholder that a generator replaces is no image name.
# ok: docker/latest-tag
FROM %%BASE_IMAGE%% AS generated

# ok: docker/latest-tag
FROM "node:20.18-alpine" AS quoted

# ok: docker/latest-tag
FROM node@sha256:4f6a8d2d3b5c7e9f1a3b5c7d9e1f3a5b7c9d1e3f5a7b9c1d3e5f7a9b1c3d5e7f
USER node
HEALTHCHECK CMD ["node", "health.js"]
