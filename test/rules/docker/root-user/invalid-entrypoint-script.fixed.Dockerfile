# The entrypoint script was read: it does not switch user, so the app runs as root.
# expect: docker/root-user "FROM debian:bookworm-slim"
FROM debian:bookworm-slim
COPY scripts/plain-entrypoint.sh /entrypoint.sh
HEALTHCHECK CMD ["true"]
# Create a non-root user
RUN groupadd --system --gid 1001 appuser && \
    useradd --system --uid 1001 --gid appuser --no-create-home appuser

# Switch to non-root user
USER appuser

ENTRYPOINT ["/entrypoint.sh"]
CMD ["server"]
