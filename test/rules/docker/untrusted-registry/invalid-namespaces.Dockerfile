# Registries where any account can publish are trusted per namespace, not wholesale.
# expect: docker/untrusted-registry "ghcr.io/someone/node-base:20"
FROM ghcr.io/someone/node-base:20 AS one
# expect: docker/untrusted-registry "docker.io/nginxproxy/nginx-proxy:1.6"
FROM docker.io/nginxproxy/nginx-proxy:1.6 AS two
# expect: docker/untrusted-registry "gcr.io/someone-else/distroless-lookalike:1"
FROM gcr.io/someone-else/distroless-lookalike:1 AS three
# expect: docker/untrusted-registry "index.docker.io/janedoe/python:3.12"
FROM index.docker.io/janedoe/python:3.12
USER 1000
HEALTHCHECK CMD ["true"]
