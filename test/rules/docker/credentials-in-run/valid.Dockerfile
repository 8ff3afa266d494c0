# Credentials kept out of the command line and the layers.
FROM node:20.18-alpine AS build
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=aws_secret aws configure set aws_secret_access_key "$(cat /run/secrets/aws_secret)"

FROM node:20.18-alpine
ARG REGISTRY_USER=ci
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=registry docker login -u "$REGISTRY_USER" --password-stdin registry.example.com < /run/secrets/registry
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci --omit=dev
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci --omit=dev && rm -f ~/.npmrc
# Single quotes write ${NPM_TOKEN} itself: npm reads the variable when it runs.
# ok: docker/credentials-in-run
RUN echo '//registry.npmjs.org/:_authToken=${NPM_TOKEN}' > .npmrc
# ok: docker/credentials-in-run
RUN git clone https://github.com/example/public.git /src && git clone git@github.com:example/other.git /other
# ok: docker/credentials-in-run
RUN aws configure set region eu-west-1
# ok: docker/credentials-in-run
RUN echo "never pass docker login -p or https://user:token@host" > /etc/motd
# ok: docker/credentials-in-run
RUN echo "//registry.npmjs.org/:_authToken=<your-token>" > /tmp/npmrc.example
# ok: docker/credentials-in-run
RUN psql postgres://postgres:postgres@localhost:5432/app -c 'select 1'
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=gcp gcloud auth activate-service-account --key-file=/run/secrets/gcp && gsutil cp gs://example-models/model.bin /opt/model.bin && gcloud auth revoke --all
# A value the step reads from a secret, and the clone's .git removed with it.
# ok: docker/credentials-in-run
RUN --mount=type=secret,id=gh TOKEN="$(cat /run/secrets/gh)" && git clone "https://x-access-token:${TOKEN}@github.com/example/private.git" /src && rm -rf /src/.git
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
