FROM node:20.18-alpine
# expect: docker/chmod-777 "chmod -R 777"
RUN chmod -R 777 /app
# expect: docker/chmod-777 "chmod 777"
RUN mkdir -p /data && chmod 777 /data
# expect: docker/chmod-777 "chmod 0777"
RUN chmod 0777 /tmp/cache
# expect: docker/chmod-777 "chmod --recursive a+rwx"
RUN chmod --recursive a+rwx /srv
# A temporary folder that the RUN never removes stays world-writable in the layer.
# expect: docker/chmod-777 "chmod 777"
RUN work=$(mktemp -d) && chmod 777 "$work" && cp -r /src/. "$work"
# Removing only the folder's contents leaves the folder itself behind.
# expect: docker/chmod-777 "chmod 777"
RUN cache=$(mktemp -d) && chmod 777 "$cache" && make -C /src && rm -rf "$cache"/*
# One target is temporary, the other is the app's own folder.
# expect: docker/chmod-777 "chmod -R 777"
RUN scratch="$(mktemp -d)" && chmod -R 777 "$scratch" /app && rm -rf "$scratch"
# Another folder is removed, not the temporary one.
# expect: docker/chmod-777 "chmod a+rwx"
RUN out=$(mktemp -d) && chmod a+rwx "$out" && rm -rf /tmp/other
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
