# An Alpine image without USER: the fix uses Alpine's addgroup/adduser.
# expect: docker/root-user "FROM alpine:3.20"
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
COPY server /usr/local/bin/server
HEALTHCHECK CMD ["/usr/local/bin/server", "--health"]
# Create a non-root user
RUN addgroup -g 1001 -S appuser && \
    adduser -u 1001 -S appuser -G appuser

# Switch to non-root user
USER appuser

ENTRYPOINT ["/usr/local/bin/server"]
