# USER root on scratch, written in a stage the final stage builds on.
FROM scratch AS runtime
COPY bin/server /server
USER root

# expect: docker/root-user "FROM runtime"
FROM runtime
HEALTHCHECK CMD ["/server", "-health"]
USER 65534:65534

ENTRYPOINT ["/server"]
