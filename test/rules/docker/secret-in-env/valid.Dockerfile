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
# ok: docker/secret-in-env
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm ci
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
