# setpriv and chroot --userspec switch to an unprivileged uid.
# ok: docker/root-user
FROM ubuntu:24.04
HEALTHCHECK CMD ["true"]
ENTRYPOINT ["setpriv", "--reuid=1000", "--regid=1000", "--init-groups", "/srv/run"]
