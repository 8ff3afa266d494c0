# An .npmrc read from the context with a literal registry token, and one that cannot be read.
FROM node:20.18-alpine
WORKDIR /app
# expect: docker/copies-secrets "npmrc/with-token/.npmrc"
COPY package.json npmrc/with-token/.npmrc ./
# Not in the build context as read here: kept, as a warning.
# expect: docker/copies-secrets "missing/.npmrc"
COPY missing/.npmrc /root/.npmrc
RUN npm ci --omit=dev
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
