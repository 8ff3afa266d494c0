# Distroless images run as root unless told otherwise; they ship a nonroot user.
FROM node:20.18-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci

# expect: docker/root-user "FROM gcr.io/distroless/nodejs20-debian12@sha256:2f1c1b4c9a0d7e6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b"
FROM gcr.io/distroless/nodejs20-debian12@sha256:2f1c1b4c9a0d7e6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b
COPY --from=build /app /app
HEALTHCHECK NONE
USER nonroot

CMD ["/app/server.js"]
