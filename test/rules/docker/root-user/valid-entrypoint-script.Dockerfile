# The entrypoint script, read from the build context, ends with `exec gosu "$APP_USER" "$@"`.
# ok: docker/root-user
FROM python:3.12-slim
ENV APP_USER=app
RUN useradd --system app && apt-get update && apt-get install -y --no-install-recommends gosu
COPY scripts/drop-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["python", "-m", "app"]
