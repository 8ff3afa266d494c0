# An entrypoint script that is not in the build context as read: nobody can tell, the finding stays.
# expect: docker/root-user "FROM debian:bookworm-slim"
FROM debian:bookworm-slim
COPY docker/missing-entrypoint.sh /usr/local/bin/
HEALTHCHECK CMD ["true"]
# Create a non-root user
RUN groupadd --system --gid 1001 appuser && \
    useradd --system --uid 1001 --gid appuser --no-create-home appuser

# Switch to non-root user
USER appuser

ENTRYPOINT ["missing-entrypoint.sh"]
