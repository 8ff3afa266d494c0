FROM node:20.18-alpine AS one
# expect: docker/expose-ssh "22"
EXPOSE 22
FROM node:20.18-alpine AS two
# expect: docker/expose-ssh "22/tcp"
EXPOSE 3000 22/tcp
FROM node:20.18-alpine AS three
# expect: docker/expose-ssh "22"
EXPOSE 80 443 22
FROM node:20.18-alpine
# expect: docker/expose-ssh "22/TCP"
EXPOSE 22/TCP
USER node
HEALTHCHECK CMD ["node", "health.js"]
