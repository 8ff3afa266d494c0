# su-exec in a shell-form CMD behind tini.
# ok: docker/root-user
FROM alpine:3.20
RUN apk add --no-cache su-exec tini python3 && adduser -S -D worker
HEALTHCHECK CMD ["true"]
CMD tini -- su-exec worker:worker python3 -m app
