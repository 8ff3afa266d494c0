FROM node:20.18-alpine
# ok: docker/expose-ssh
EXPOSE 3000
# ok: docker/expose-ssh
EXPOSE 2222
# ok: docker/expose-ssh
EXPOSE 220 8022
# ok: docker/expose-ssh
EXPOSE 53/udp
USER node
HEALTHCHECK CMD ["node", "health.js"]
