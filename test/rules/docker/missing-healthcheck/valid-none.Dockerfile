# HEALTHCHECK NONE is a deliberate choice (the orchestrator probes instead).
# ok: docker/missing-healthcheck
FROM node:20.18-alpine
HEALTHCHECK NONE
USER node
CMD ["node", "server.js"]
