# A committed .npmrc with settings only (the token is a ${VAR} npm expands at run time).
FROM node:20.18-alpine
WORKDIR /app
# ok: docker/copies-secrets
COPY package.json npmrc/settings-only/.npmrc ./
RUN npm ci --omit=dev
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
