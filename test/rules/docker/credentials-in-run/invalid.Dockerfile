# Credentials on RUN command lines end up in the image history.
FROM node:20.18-alpine AS build
ARG NPM_TOKEN
# A build stage's history is not shipped, but stays in the build cache (info).
# expect: docker/credentials-in-run "${NPM_TOKEN}"
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc

FROM node:20.18-alpine
ARG AWS_SECRET_ACCESS_KEY
ARG REGISTRY_PASSWORD
ARG NPM_TOKEN
ARG GITHUB_TOKEN
ARG API_TOKEN
# expect: docker/credentials-in-run "Vq3nR8tLz2Xw9KpM4sJd7YbH1cFg6NeA0uTiQrOk"
RUN aws configure set aws_secret_access_key Vq3nR8tLz2Xw9KpM4sJd7YbH1cFg6NeA0uTiQrOk
# expect: docker/credentials-in-run "AKIA4Q7RZ2XWJ8LMN3PB"
RUN aws configure set default.aws_access_key_id AKIA4Q7RZ2XWJ8LMN3PB
# expect: docker/credentials-in-run "$AWS_SECRET_ACCESS_KEY"
RUN aws configure set aws_secret_access_key "$AWS_SECRET_ACCESS_KEY" --profile deploy
# expect: docker/credentials-in-run "Rg7mQ2xLp9Tz"
RUN docker login -u ci -p Rg7mQ2xLp9Tz registry.example.com
# expect: docker/credentials-in-run "${REGISTRY_PASSWORD}"
RUN docker login --username ci --password=${REGISTRY_PASSWORD} registry.example.com
# expect: docker/credentials-in-run "npm_k3Jd9Lq2Zx8Rt4Wv7Yb1Nc6Mh0Pf5Gs2AeTy"
RUN npm config set //registry.npmjs.org/:_authToken npm_k3Jd9Lq2Zx8Rt4Wv7Yb1Nc6Mh0Pf5Gs2AeTy
# expect: docker/credentials-in-run "${NPM_TOKEN}"
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci --omit=dev && rm .npmrc
# expect: docker/credentials-in-run "${GITHUB_TOKEN}"
RUN git clone https://ci-bot:${GITHUB_TOKEN}@github.com/example/private.git /src
# expect: docker/credentials-in-run "gh7Qx2LmP9vRt4Kz"
RUN git clone https://deploy:gh7Qx2LmP9vRt4Kz@git.example.com/org/app.git /app
# expect: docker/credentials-in-run "Zq8rT2vLx9pW"
RUN pip install --index-url https://build:Zq8rT2vLx9pW@pypi.example.com/simple tool==1.0
# expect: docker/credentials-in-run "Hx7pQ2mLz9Rv"
RUN curl -fsSL -u deploy:Hx7pQ2mLz9Rv -o /tmp/a.tgz https://artifacts.example.com/a.tgz
# expect: docker/credentials-in-run "$API_TOKEN"
RUN curl -fsSL -H "Authorization: Bearer $API_TOKEN" -o /tmp/b.json https://api.example.com/b.json
# expect: docker/credentials-in-run "ghp_Xr4Tq9Lm2Zv8Kp3Wn7Yb6Hc1Jd5Fs0GeQaPu"
RUN export GITHUB_TOKEN=ghp_Xr4Tq9Lm2Zv8Kp3Wn7Yb6Hc1Jd5Fs0GeQaPu && npm ci --omit=dev
# A key file in the image is readable by anyone who pulls it.
# expect: docker/credentials-in-run "/opt/keys/deployer.json"
RUN gcloud auth activate-service-account --key-file=/opt/keys/deployer.json
# Read from a secret, but saved in ~/.npmrc in the layer.
# expect: docker/credentials-in-run "$NPM_TOKEN"
RUN --mount=type=secret,id=npm_token,env=NPM_TOKEN npm config set //registry.npmjs.org/:_authToken "$NPM_TOKEN" && npm ci --omit=dev
RUN cat <<EOF > /root/.npmrc
# expect: docker/credentials-in-run "${NPM_TOKEN}"
//registry.npmjs.org/:_authToken=${NPM_TOKEN}
EOF
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
