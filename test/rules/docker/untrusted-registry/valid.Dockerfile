# Official images, verified publishers and trusted registries.
ARG REGISTRY
ARG OWNER
ARG BASE_IMAGE=$REGISTRY/$OWNER/base-notebook
# ok: docker/untrusted-registry
FROM node:20.18-alpine AS one
# ok: docker/untrusted-registry
FROM docker.io/library/python:3.12-slim AS two
# ok: docker/untrusted-registry
FROM bitnami/redis:7.4 AS three
# ok: docker/untrusted-registry
FROM mcr.microsoft.com/dotnet/aspnet:8.0 AS four
# ok: docker/untrusted-registry
FROM gcr.io/distroless/nodejs20-debian12:nonroot AS five
# ok: docker/untrusted-registry
FROM public.ecr.aws/lambda/nodejs:20 AS six
# Red Hat's own registries.
# ok: docker/untrusted-registry
FROM registry.access.redhat.com/ubi9/ubi-minimal:9.5 AS seven
# ok: docker/untrusted-registry
FROM registry.redhat.io/ubi10/python-312:10.0 AS eight
# The registry and the namespace come from build arguments without a default: unknown.
# ok: docker/untrusted-registry
FROM $REGISTRY/$OWNER/app:1.0 AS nine
# ok: docker/untrusted-registry
FROM ${BASE_IMAGE} AS ten
# ok: docker/untrusted-registry
COPY --from=$REGISTRY/tools/uv:0.5 /uv /usr/local/bin/uv
# ok: docker/untrusted-registry
FROM one
USER node
HEALTHCHECK CMD ["node", "health.js"]
