# expect: docker/missing-healthcheck "FROM node:20.18-alpine"
FROM node:20.18-alpine
USER node
CMD ["node", "server.js"]
