# Copying secret files by name.
FROM node:20.18-alpine
WORKDIR /app
# expect: docker/copies-secrets ".env"
COPY .env ./
# expect: docker/copies-secrets "certs/server.key"
COPY certs/server.key /etc/ssl/private/
# expect: docker/copies-secrets "id_rsa"
ADD id_rsa /root/.ssh/
# expect: docker/copies-secrets ".env.production"
COPY --chown=node:node .env.production ./.env
# expect: docker/copies-secrets "\"tls.pem\""
COPY ["tls.pem", "/etc/ssl/"]
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
