# The whole context is copied, but .dockerignore keeps secrets out.
FROM node:20.18-alpine AS build
WORKDIR /app
# ok: docker/copies-secrets
COPY . .
RUN npm ci && npm run build

FROM node:20.18-alpine
WORKDIR /app
# Copies from another stage never read the build context.
# ok: docker/copies-secrets
COPY --from=build /app/.env.example ./
# ok: docker/copies-secrets
COPY --from=build /app/dist ./dist
# ok: docker/copies-secrets
COPY .env.example package.json ./
# ok: docker/copies-secrets
COPY src/keyboard.ts ./src/
# Public keys that verify package repositories are not secrets.
# ok: docker/copies-secrets
COPY yarn-pubkey.gpg.key /usr/share/keyrings/
# ok: docker/copies-secrets
ADD nodesource-repo.gpg.key /etc/apt/keyrings/
# ok: docker/copies-secrets
COPY certs/signing_public.pem /etc/app/
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "dist/server.js"]
