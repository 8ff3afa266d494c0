# Certificate checks turned off in a build.
FROM python:3.12-slim AS tools
# A build stage's ENV lasts for the build only (warning).
# expect: docker/tls-verification-disabled "PYTHONHTTPSVERIFY=0"
ENV PYTHONHTTPSVERIFY=0
# expect: docker/tls-verification-disabled "--trusted-host pypi.org"
RUN pip install --trusted-host pypi.org --no-cache-dir httpie==3.2.3
# expect: docker/tls-verification-disabled "--trusted-host=files.pythonhosted.org"
RUN python3 -m pip install --trusted-host=files.pythonhosted.org --no-cache-dir rich==13.9.4
# expect: docker/tls-verification-disabled "Acquire::https::Verify-Peer \"false\";"
RUN echo 'Acquire::https::Verify-Peer "false";' > /etc/apt/apt.conf.d/99verify

FROM node:20.18-alpine
# expect: docker/tls-verification-disabled "NODE_TLS_REJECT_UNAUTHORIZED=0"
ENV NODE_TLS_REJECT_UNAUTHORIZED=0
# git turns checks off whenever the variable is set, whatever its value.
# expect: docker/tls-verification-disabled "GIT_SSL_NO_VERIFY=false"
ENV LANG=C.UTF-8 GIT_SSL_NO_VERIFY=false
# expect: docker/tls-verification-disabled "PIP_TRUSTED_HOST=pypi.internal.example"
ARG PIP_TRUSTED_HOST=pypi.internal.example
# expect: docker/tls-verification-disabled "-fsSLk"
RUN curl -fsSLk https://downloads.example.com/tool.tgz -o /tmp/tool.tgz
# expect: docker/tls-verification-disabled "--insecure"
RUN curl --insecure --retry 3 -o /tmp/data.json https://api.example.com/data.json
# expect: docker/tls-verification-disabled "-k"
RUN apk add --no-cache curl && curl -sS -k -o /tmp/a.zip https://downloads.example.com/a.zip
# expect: docker/tls-verification-disabled "--no-check-certificate"
RUN wget -q --no-check-certificate -O /tmp/b.tgz https://downloads.example.com/b.tgz
# expect: docker/tls-verification-disabled "NODE_TLS_REJECT_UNAUTHORIZED=0"
RUN NODE_TLS_REJECT_UNAUTHORIZED=0 npm ci --omit=dev
# expect: docker/tls-verification-disabled "NODE_TLS_REJECT_UNAUTHORIZED=0"
RUN export NODE_TLS_REJECT_UNAUTHORIZED=0 && npm ci --omit=dev
# expect: docker/tls-verification-disabled "strict-ssl false"
RUN npm config set strict-ssl false
# expect: docker/tls-verification-disabled "--strict-ssl=false"
RUN npm ci --omit=dev --strict-ssl=false
# expect: docker/tls-verification-disabled "strict-ssl false"
RUN yarn config set strict-ssl false
# expect: docker/tls-verification-disabled "http.sslVerify false"
RUN git config --global http.sslVerify false
# expect: docker/tls-verification-disabled "-c http.sslVerify=false"
RUN git -c http.sslVerify=false clone --depth 1 https://github.com/example/tools.git /opt/tools
# A download inside a command substitution is a download too.
# expect: docker/tls-verification-disabled "-k"
RUN VERSION="$(curl -fsS -k https://api.example.com/version)" && echo "$VERSION" > /etc/tool-version
# expect: docker/tls-verification-disabled "\"-k\""
RUN ["curl", "-k", "-o", "/tmp/c.json", "https://api.example.com/c.json"]
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
