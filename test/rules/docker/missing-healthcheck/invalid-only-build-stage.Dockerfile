# A HEALTHCHECK in a build stage does not reach the final image.
FROM node:20.18-alpine AS build
HEALTHCHECK CMD ["true"]
RUN npm ci

# expect: docker/missing-healthcheck "FROM node:20.18-alpine"
FROM node:20.18-alpine
COPY --from=build /app /app
USER node
CMD ["node", "/app/server.js"]
