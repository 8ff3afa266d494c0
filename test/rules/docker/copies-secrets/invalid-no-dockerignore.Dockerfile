# The whole context, and no .dockerignore: the fix creates one.
FROM node:20.18-alpine
WORKDIR /app
# expect: docker/copies-secrets "."
COPY . .
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
