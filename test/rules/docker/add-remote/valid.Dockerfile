FROM node:20.18-alpine
# ok: docker/add-remote
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.com/tool.tar.gz /opt/
# ok: docker/add-remote
ADD vendor.tar.gz /opt/
# ok: docker/add-remote
COPY https-proxy.conf /etc/
# ok: docker/add-remote
ADD git@github.com:acme/repo.git /src
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
