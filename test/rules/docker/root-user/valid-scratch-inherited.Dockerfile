# A final stage built on a scratch stage, with no USER anywhere: there are no users to switch to.
FROM scratch AS runtime
COPY bin/server /server

# ok: docker/root-user
FROM runtime
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
