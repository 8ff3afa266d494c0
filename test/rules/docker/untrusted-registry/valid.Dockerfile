# Official images, verified publishers and trusted registries.
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
# ok: docker/untrusted-registry
FROM one
USER node
HEALTHCHECK CMD ["node", "health.js"]
