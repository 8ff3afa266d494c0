FROM node:20.18-alpine
# expect: docker/curl-pipe-shell "curl -fsSL https://get.example.com/install.sh | sh"
# expect: docker/pipefail "curl -fsSL https://get.example.com/install.sh | sh"
RUN curl -fsSL https://get.example.com/install.sh | sh
# expect: docker/curl-pipe-shell "wget -qO- https://example.com/setup | bash"
# expect: docker/pipefail "wget -qO- https://example.com/setup | bash"
RUN apk add --no-cache wget && wget -qO- https://example.com/setup | bash
# expect: docker/curl-pipe-shell "curl -sL https://deb.nodesource.com/setup_20.x |…"
# expect: docker/pipefail "curl -sL https://deb.nodesource.com/setup_20.x |…"
RUN curl -sL https://deb.nodesource.com/setup_20.x | \
    # expect: docker/sudo "sudo"
    sudo -E bash
# expect: docker/curl-pipe-shell "curl https://bootstrap.pypa.io/get-pip.py | python3"
# expect: docker/pipefail "curl https://bootstrap.pypa.io/get-pip.py | python3 -"
RUN curl https://bootstrap.pypa.io/get-pip.py | python3 -
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "server.js"]
