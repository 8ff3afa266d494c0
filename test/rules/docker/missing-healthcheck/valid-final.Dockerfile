FROM node:20.18-alpine AS build
RUN npm ci
# ok: docker/missing-healthcheck
FROM node:20.18-alpine
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
