# An entrypoint script that is not in the build context as read: nobody can tell, the finding stays.
# expect: docker/root-user "FROM debian:bookworm-slim"
FROM debian:bookworm-slim
COPY docker/missing-entrypoint.sh /usr/local/bin/
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["missing-entrypoint.sh"]
