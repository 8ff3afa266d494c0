# A command-line tool: nothing listens, nothing to probe.
# ok: docker/missing-healthcheck
FROM alpine:3.20
RUN apk add --no-cache jq
USER 65534
ENTRYPOINT ["jq"]
