FROM node:20.18-alpine
# ok: docker/chmod-777
RUN chmod 755 /app
# ok: docker/chmod-777
RUN chmod -R 644 /app/public
# ok: docker/chmod-777
RUN chmod +x /usr/local/bin/entrypoint.sh
# ok: docker/chmod-777
RUN chmod 1777 /tmp/shared
# A temporary folder removed by the same RUN never reaches a layer.
# ok: docker/chmod-777
RUN d=$(mktemp -d) && chmod 777 "$d" && cd "$d" && tar -xzf /src/app.tgz && make install && cd / && rm -rf "$d"
# ok: docker/chmod-777
RUN export BUILD_TMP="$(mktemp -d -t build.XXXXXX)"; \
    chmod 0777 "${BUILD_TMP}"; \
    su builder -c "make -C /src OUT=${BUILD_TMP}/out"; \
    rm -rf -- "${BUILD_TMP}/"
# ok: docker/chmod-777
RUN tmp=`mktemp -d` && trap 'rm -rf "$tmp"' EXIT && chmod 777 "$tmp" && npm pack --pack-destination "$tmp"
# ok: docker/chmod-777
RUN f=$(mktemp) && chmod 777 "$f" && ./configure --cache-file="$f" && rm -f "$f"
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
