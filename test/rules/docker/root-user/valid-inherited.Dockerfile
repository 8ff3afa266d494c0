# The final stage builds on a stage that already switched user.
FROM node:20.18-alpine AS base
RUN addgroup -S app && adduser -S app -G app
USER app

# ok: docker/root-user
FROM base
WORKDIR /home/app
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
