# Build stages whose copied context reaches the final image, and no .dockerignore.
FROM node:20.18-alpine AS deps
WORKDIR /app
# The final stage is built FROM this stage: it holds every file copied here.
# expect: docker/copies-secrets "."
COPY . .
RUN npm ci

FROM node:20.18-alpine AS web
WORKDIR /src/web
# The final stage copies /src, a parent of this destination.
# expect: docker/copies-secrets "./"
COPY ./ ./

FROM node:20.18-alpine AS site
WORKDIR /app
# The destination lies inside the folder the final stage takes.
# expect: docker/copies-secrets "."
COPY . ./public/

FROM node:20.18-alpine AS config
# A named secret in a stage the final stage copies wholesale by index.
# expect: docker/copies-secrets ".env.production"
COPY .env.production /etc/app/.env

FROM node:20.18-alpine AS raw
# expect: docker/copies-secrets "."
COPY . /raw
FROM node:20.18-alpine AS relay
# A stage that only passes the files on to the final stage.
COPY --from=raw /raw /relay

FROM node:20.18-alpine AS globbed
WORKDIR /work
# expect: docker/copies-secrets "."
COPY . .

FROM deps
COPY --from=web /src /src
COPY --from=site /app/public /usr/share/app/public
COPY --from=3 / /
COPY --from=relay /relay /opt/relay
COPY --from=globbed /work/* /opt/work/
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
