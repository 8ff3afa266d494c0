# Settings that are not secrets, secrets without values, and BuildKit secrets.
FROM node:20.18-alpine
# ok: docker/secret-in-env
ENV NODE_ENV=production PORT=3000
# A build argument without a default is supplied at build time.
# ok: docker/secret-in-env
ARG NPM_TOKEN
# ok: docker/secret-in-env
ENV JWT_SECRET_FILE=/run/secrets/jwt_secret
# ok: docker/secret-in-env
ENV API_KEY=${API_KEY}
# ok: docker/secret-in-env
ENV SESSION_SECRET=changeme
# Paths and file names say where a secret is read from at run time; they are not the secret.
# ok: docker/secret-in-env
ENV GOOGLE_APPLICATION_CREDENTIALS=/run/secrets/gcp-key.json
# ok: docker/secret-in-env
ENV SSH_PRIVATE_KEY=/home/app/.ssh/id_ed25519
# ok: docker/secret-in-env
ARG DB_PASSWORD=./secrets/db_password.txt
# ok: docker/secret-in-env
ENV CLIENT_SECRET=client_secret.json
# The example key of AWS's own documentation.
# ok: docker/secret-in-env
ENV AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
# ok: docker/secret-in-env
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
