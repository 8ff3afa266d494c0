# A server that can listen too, started here with the stdio transport.
# ok: docker/missing-healthcheck
FROM node:20.18-alpine
COPY dist /app
USER node
CMD ["node", "/app/server.js", "--transport", "stdio"]
