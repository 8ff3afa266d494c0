# Look-alikes that keep package signatures checked.
FROM debian:bookworm-slim AS debian
# Downgrades are not unsigned packages.
# ok: docker/unverified-packages
RUN apt-get update && apt-get install -y --no-install-recommends --allow-downgrades curl
# ok: docker/unverified-packages
RUN echo "deb [signed-by=/usr/share/keyrings/example.gpg] https://apt.example.com/debian bookworm main" > /etc/apt/sources.list.d/example.list
# The flag is text inside a message, not an option.
# ok: docker/unverified-packages
RUN echo "never pass --allow-unauthenticated or [trusted=yes]" > /etc/motd
# ok: docker/unverified-packages
RUN echo 'APT::Get::AllowUnauthenticated "false";' > /etc/apt/apt.conf.d/99auth
# A local repository of packages this step built from source: nobody could sign them.
# ok: docker/unverified-packages
RUN mkdir -p /tmp/repo && echo "deb [ trusted=yes ] file:///tmp/repo ./" > /etc/apt/sources.list.d/local.list
# Stale metadata from a snapshot mirror is still signed.
# ok: docker/unverified-packages
RUN apt-get -o Acquire::Check-Valid-Until=false update

FROM fedora:40 AS fedora
# sed turns the check on here.
# ok: docker/unverified-packages
RUN sed -i 's/gpgcheck=0/gpgcheck=1/' /etc/yum.repos.d/example.repo
# Repository metadata signatures (repo_gpgcheck) are another setting.
# ok: docker/unverified-packages
RUN echo "repo_gpgcheck=0" >> /etc/yum.repos.d/example.repo
# rpm -K checks a file; it installs nothing.
# ok: docker/unverified-packages
RUN rpm -K --nosignature /opt/vendor/tool.rpm

FROM alpine:3.20 AS packager
RUN mkdir -p /out && echo built > /out/README

# A package built by an earlier stage of this build, installed from a local file.
FROM alpine:3.20 AS alpine
COPY --from=packager /out/ /tmp/packages/
# ok: docker/unverified-packages
RUN apk add --allow-untrusted /tmp/packages/tool-1.0-r0.apk
# Indexing local packages installs nothing.
# ok: docker/unverified-packages
RUN apk index --allow-untrusted -o /tmp/packages/APKINDEX.tar.gz /tmp/packages/tool-1.0-r0.apk

FROM node:20.18-alpine
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
