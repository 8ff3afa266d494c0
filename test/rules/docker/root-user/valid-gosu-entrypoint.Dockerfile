# The container starts as root only to drop it: gosu runs the app as `app`.
# ok: docker/root-user
FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends gosu && useradd --system app
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["gosu", "app", "node", "server.js"]
