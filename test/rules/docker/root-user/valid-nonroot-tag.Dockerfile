# Distroless ':nonroot' images run as an unprivileged user by default.
# ok: docker/root-user
FROM gcr.io/distroless/static-debian12:nonroot
COPY server /server
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
