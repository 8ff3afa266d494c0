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
# Known credential formats are secrets whatever the variable is called.
# expect: docker/secret-in-env "AKIA4ZDMEN2KHVDGAJ8G"
ENV AWS_ACCESS_KEY_ID=AKIA4ZDMEN2KHVDGAJ8G
# expect: docker/secret-in-env "ghp_…"
ENV GITHUB_USER=ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d
# expect: docker/secret-in-env "github_pat_…"
ARG GH_PAT_FOR_CI=github_pat_KLzdocJ2isAjIhKtJ0RlgL_KOmxgJTeKdNnFRIBXuDL7DxtpYlSXpfKtHF4vUCs
# expect: docker/secret-in-env "xoxb-…"
ENV SLACK_BOT=xoxb-2739401562-8372615049-Qm8vTr2LpZkd
# expect: docker/secret-in-env "sk_live_…"
ENV BILLING_CONFIG=sk_live_MehGAkWvj7FAc9QeWJKY40uv
# expect: docker/secret-in-env "\"-----BEGIN PRIVATE KEY-----…"
ENV TLS_MATERIAL="-----BEGIN PRIVATE KEY-----\nS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn"
# A secret-like name whose value starts with a slash but is no path.
# expect: docker/secret-in-env "/Kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn"
ENV SIGNING_KEY=/Kv5ZJr3J1TWDtkwtDDb+xHKas1VOqg6YYZYn
RUN echo "//registry.npmjs.org/:_authToken=${NPM_TOKEN}" > .npmrc && npm ci && rm .npmrc
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
