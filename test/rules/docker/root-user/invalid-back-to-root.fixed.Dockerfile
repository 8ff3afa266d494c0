# Switching back to root at the end undoes the earlier USER.
FROM node:20.18-alpine
WORKDIR /app
USER node
COPY --chown=node:node dist ./dist
# expect: docker/root-user "USER root"
USER root
HEALTHCHECK CMD ["node", "health.js"]
USER node

CMD ["node", "server.js"]
