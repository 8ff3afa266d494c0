# A numeric unprivileged user needs no /etc/passwd on scratch.
FROM scratch AS runtime
COPY bin/server /server

# ok: docker/root-user
FROM runtime
USER 65532:65532
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
