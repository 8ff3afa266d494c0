FROM node:20.18-alpine
# ok: docker/chmod-777
RUN chmod 755 /app
# ok: docker/chmod-777
RUN chmod -R 644 /app/public
# ok: docker/chmod-777
RUN chmod +x /usr/local/bin/entrypoint.sh
# ok: docker/chmod-777
RUN chmod 1777 /tmp/shared
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
