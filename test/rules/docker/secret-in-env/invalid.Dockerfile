# Secrets baked into the image.
FROM node:20.18-alpine
# expect: docker/secret-in-env "super-secret-jwt-key-2024"
ENV JWT_SECRET=super-secret-jwt-key-2024
# expect: docker/secret-in-env "\"sk-1234…"
ENV OPENAI_KEY="sk-1234567890abcdef"
# expect: docker/secret-in-env "npm_…"
ARG NPM_TOKEN=npm_Jr4i0B3JrTAwR4y9ojfljoQoaF1LlqsajAIx
# expect: docker/secret-in-env "Adm1n!2345"
ENV DB_USER=app DB_PASSWORD=Adm1n!2345
# expect: docker/secret-in-env "hunter2hunter"
ENV API_KEY hunter2hunter
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
