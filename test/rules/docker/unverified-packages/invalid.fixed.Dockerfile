# Packages installed with their signature checks turned off.
FROM debian:bookworm-slim AS debian
# expect: docker/unverified-packages "--allow-unauthenticated"
RUN apt-get update && apt-get install -y curl
# expect: docker/unverified-packages "--force-yes"
RUN apt-get install -y --no-install-recommends ca-certificates
# expect: docker/unverified-packages "-o APT::Get::AllowUnauthenticated=true"
RUN apt-get install -y git
# expect: docker/unverified-packages "--allow-insecure-repositories"
RUN apt-get update
# expect: docker/unverified-packages "[trusted=yes]"
RUN echo "deb http://apt.example.com/debian bookworm main" > /etc/apt/sources.list.d/example.list
# expect: docker/unverified-packages "[arch=amd64 trusted=yes]"
RUN echo "deb [arch=amd64] https://apt.example.com/debian bookworm main" > /etc/apt/sources.list.d/other.list
# expect: docker/unverified-packages "APT::Get::AllowUnauthenticated \"true\";"
RUN echo 'APT::Get::AllowUnauthenticated "true";' > /etc/apt/apt.conf.d/99unauth
# The bracket is its own word after deb.
# expect: docker/unverified-packages "[trusted=yes]"
RUN echo deb http://apt.example.com/debian bookworm main > /etc/apt/sources.list.d/third.list

FROM fedora:40 AS fedora
# expect: docker/unverified-packages "--nogpgcheck"
RUN dnf install -y https://rpm.example.com/tool-1.2.3.x86_64.rpm
# A package downloaded in the same step is not a local build.
# expect: docker/unverified-packages "--nosignature"
RUN curl -fsSL -o /tmp/tool.rpm https://rpm.example.com/tool.rpm && rpm -ivh /tmp/tool.rpm
# sed writes its replacement: gpgcheck=0.
# expect: docker/unverified-packages "gpgcheck=0"
RUN sed -i 's/gpgcheck=1/gpgcheck=0/' /etc/yum.repos.d/example.repo
# expect: docker/unverified-packages "gpgcheck=0"
RUN yum-config-manager --save --setopt=gpgcheck=1
RUN cat <<EOF > /etc/yum.repos.d/vendor.repo
[vendor]
baseurl=https://rpm.example.com/el9
# expect: docker/unverified-packages "gpgcheck=0"
gpgcheck=1
EOF

FROM alpine:3.20 AS alpine
# expect: docker/unverified-packages "--allow-untrusted"
RUN apk add --no-cache --repository https://apk.example.com/edge tool
# expect: docker/unverified-packages "--allow-untrusted"
RUN wget -q -O /tmp/tool.apk https://apk.example.com/tool.apk && apk add /tmp/tool.apk

FROM node:20.18-alpine
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
