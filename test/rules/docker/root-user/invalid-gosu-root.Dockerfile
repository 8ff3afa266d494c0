# gosu to root is no drop, and a node base image runs as root unless told otherwise.
# expect: docker/root-user "FROM node:20.18-bookworm-slim"
FROM node:20.18-bookworm-slim
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["gosu", "root", "node", "server.js"]
