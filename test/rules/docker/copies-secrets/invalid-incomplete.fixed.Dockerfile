# A .dockerignore that forgets .env: the fix appends what is missing.
FROM node:20.18-alpine
WORKDIR /app
# expect: docker/copies-secrets "./"
COPY ./ /app/
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
