FROM node:20.18-alpine AS base
# ok: docker/missing-healthcheck
HEALTHCHECK --interval=30s CMD ["node", "health.js"]

# Inherited from the stage it builds on.
# ok: docker/missing-healthcheck
FROM base
USER node
CMD ["node", "server.js"]
