# Root in a build stage never reaches the final image.
FROM node:20.18-alpine AS build
USER root
RUN npm ci

# ok: docker/root-user
FROM node:20.18-alpine
COPY --from=build /app /app
USER 1000:1000
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "/app/server.js"]
