FROM node:20.18-alpine
# expect: docker/chmod-777 "chmod -R 777"
RUN chmod -R 777 /app
# expect: docker/chmod-777 "chmod 777"
RUN mkdir -p /data && chmod 777 /data
# expect: docker/chmod-777 "chmod 0777"
RUN chmod 0777 /tmp/cache
# expect: docker/chmod-777 "chmod --recursive a+rwx"
RUN chmod --recursive a+rwx /srv
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
