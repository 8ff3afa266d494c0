# Look-alikes that keep certificate checks on.
FROM node:20.18-alpine
# ok: docker/tls-verification-disabled
ENV NODE_TLS_REJECT_UNAUTHORIZED=1
# ok: docker/tls-verification-disabled
ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/corp.crt
# An ARG without a default sets nothing.
# ok: docker/tls-verification-disabled
ARG GIT_SSL_NO_VERIFY
# The words are inside a string, not options of curl.
# ok: docker/tls-verification-disabled
RUN echo "never use curl -k or NODE_TLS_REJECT_UNAUTHORIZED=0" > /etc/motd
# A shell comment is not an option.
# ok: docker/tls-verification-disabled
RUN curl -fsSL -o /tmp/tool.tgz https://downloads.example.com/tool.tgz # add -k behind the proxy
# After -o the rest of the group is the file name: `kubectl.tgz`, not -k.
# ok: docker/tls-verification-disabled
RUN curl -fsSLokubectl.tgz https://downloads.example.com/kubectl.tgz
# -k belongs to tar here.
# ok: docker/tls-verification-disabled
RUN tar -xkf /tmp/tool.tgz -C /opt
# ok: docker/tls-verification-disabled
RUN curl --cacert /usr/local/share/ca-certificates/corp.crt -fsSL -o /tmp/x.json https://internal.example.com/x.json
# ok: docker/tls-verification-disabled
RUN wget -q --ca-certificate=/usr/local/share/ca-certificates/corp.crt -O /tmp/y.tgz https://internal.example.com/y.tgz
# ok: docker/tls-verification-disabled
RUN npm config set strict-ssl true && npm config set cafile /usr/local/share/ca-certificates/corp.crt
# ok: docker/tls-verification-disabled
RUN git config --global http.sslVerify true && git config --global http.sslCAInfo /etc/ssl/certs/ca-certificates.crt
# ok: docker/tls-verification-disabled
RUN apk add --no-cache python3 py3-pip && pip install --cert /usr/local/share/ca-certificates/corp.crt --no-cache-dir rich==13.9.4
# ok: docker/tls-verification-disabled
RUN curl -fsSL -o /tmp/a https://downloads.example.com/a || curl -fsSL -o /tmp/a https://mirror.example.com/a
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
