FROM node:20.18-alpine
# ok: docker/curl-pipe-shell
RUN curl -fsSLo /tmp/install.sh https://get.example.com/install.sh && echo "5f4d  /tmp/install.sh" | sha256sum -c - && sh /tmp/install.sh
# ok: docker/curl-pipe-shell
# expect: docker/pipefail "curl -fsSL https://example.com/data.json | jq .version"
RUN curl -fsSL https://example.com/data.json | jq .version
# ok: docker/curl-pipe-shell
RUN echo "curl is installed" | cat
# ok: docker/curl-pipe-shell
# expect: docker/pipefail "curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg"
RUN curl -fsSL https://example.com/key.asc | gpg --dearmor -o /usr/share/keyrings/example.gpg
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
