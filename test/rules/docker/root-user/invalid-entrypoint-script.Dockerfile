# The entrypoint script was read: it does not switch user, so the app runs as root.
# expect: docker/root-user "FROM debian:bookworm-slim"
FROM debian:bookworm-slim
COPY scripts/plain-entrypoint.sh /entrypoint.sh
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["/entrypoint.sh"]
CMD ["server"]
