# The official node image ships a node user.
# ok: docker/root-user
FROM node:20.18-alpine
WORKDIR /app
COPY --chown=node:node dist ./dist
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
