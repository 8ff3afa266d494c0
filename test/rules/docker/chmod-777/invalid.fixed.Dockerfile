FROM node:20.18-alpine
# expect: docker/chmod-777 "chmod -R 777"
RUN chmod -R 755 /app
# expect: docker/chmod-777 "chmod 777"
RUN mkdir -p /data && chmod 755 /data
# expect: docker/chmod-777 "chmod 0777"
RUN chmod 755 /tmp/cache
# expect: docker/chmod-777 "chmod --recursive a+rwx"
RUN chmod --recursive 755 /srv
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
