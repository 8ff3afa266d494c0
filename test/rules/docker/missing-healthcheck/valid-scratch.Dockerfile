# ok: docker/missing-healthcheck
FROM scratch
COPY server /server
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
