# Build stages that copy the whole context, while the final stage takes only what they built.
FROM node:20.18-alpine AS build
WORKDIR /app
# ok: docker/copies-secrets
COPY . .
RUN npm ci && npm run build

FROM python:3.12-slim AS venv
WORKDIR /app
# ok: docker/copies-secrets
COPY . /app
RUN python -m venv .venv && .venv/bin/pip install --no-cache-dir .

FROM golang:1.23-alpine AS binary
# The golang image works in /go: the context lands in /go, not in /usr/local/bin.
# ok: docker/copies-secrets
COPY . .
RUN CGO_ENABLED=0 go build -o /usr/local/bin/server .

FROM node:20.18-alpine AS test
WORKDIR /app
# A stage nothing takes files from is not part of the image.
# ok: docker/copies-secrets
COPY . .
RUN npm test

FROM alpine:3.20 AS certs
# ok: docker/copies-secrets
COPY certs/server.key /keys/
RUN apk add --no-cache openssl && openssl req -new -x509 -key /keys/server.key -subj /CN=app -out /certs/server.crt

FROM node:20.18-alpine
WORKDIR /app
COPY --from=build /app/dist ./dist
COPY --from=build /app/node_modules ./node_modules
COPY --from=venv /app/.venv /app/.venv
COPY --from=binary /usr/local/bin/server /usr/local/bin/server
COPY --from=certs /certs/server.crt /etc/ssl/certs/
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "dist/server.js"]
