# With NODE_ENV=production, npm ci skips dev dependencies by itself.
FROM node:20.18-alpine AS build
RUN npm ci

FROM node:20.18-alpine
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
# ok: docker/npm-install
RUN npm ci
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
