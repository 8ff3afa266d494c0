# syntax=docker/dockerfile:1
# Images that COPY --from and RUN --mount read run in the build as much as a base image.
ARG TOOLS=quay.io/someone/tools:1.2
FROM node:20.18-alpine AS build
WORKDIR /app
# expect: docker/untrusted-registry "ghcr.io/someone/uv:0.5.4"
COPY --from=ghcr.io/someone/uv:0.5.4 /uv /usr/local/bin/uv
# expect: docker/untrusted-registry "${TOOLS}"
COPY --from=${TOOLS} /bin/tool /usr/local/bin/tool
# expect: docker/untrusted-registry "johndoe/assets:3"
RUN --mount=type=bind,from=johndoe/assets:3,source=/assets,target=/mnt/assets cp -r /mnt/assets ./public
# expect: docker/untrusted-registry "registry.example.net/cache/npm:1"
RUN --mount=type=cache,target=/root/.npm,from=registry.example.net/cache/npm:1 npm ci

FROM node:20.18-alpine
COPY --from=build /app /app
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "/app/server.js"]
