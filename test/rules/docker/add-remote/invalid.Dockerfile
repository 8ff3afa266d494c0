FROM node:20.18-alpine
# expect: docker/add-remote "https://github.com/acme/tool/releases/download/v1.2.0/tool.tar.gz"
ADD https://github.com/acme/tool/releases/download/v1.2.0/tool.tar.gz /opt/
# expect: docker/add-remote "http://example.com/setup.sh"
ADD http://example.com/setup.sh /tmp/setup.sh
# expect: docker/add-remote "https://example.com/a.txt"
ADD --chown=node:node https://example.com/a.txt /app/
# expect: docker/add-remote "\"HTTPS://EXAMPLE.COM/B.TXT\""
ADD ["HTTPS://EXAMPLE.COM/B.TXT", "/app/"]
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
