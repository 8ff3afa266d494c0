# The guide's own "Bad" example and other unknown sources.
ARG MIRROR=quay.io
ARG TEAM=someone
ARG TOOLS=$MIRROR/$TEAM/linters:3
# expect: docker/untrusted-registry "unknown-registry/node:20"
FROM unknown-registry/node:20 AS one
# expect: docker/untrusted-registry "registry.example.net/base/node:20"
FROM registry.example.net/base/node:20 AS two
# expect: docker/untrusted-registry "quay.io/someone/tools:1.2"
FROM quay.io/someone/tools:1.2 AS three
# expect: docker/untrusted-registry "gcr.io/some-project/app:1.0"
FROM gcr.io/some-project/app:1.0 AS four
# ARG defaults, nested ones too, are expanded and judged.
# expect: docker/untrusted-registry "${TOOLS}"
FROM ${TOOLS} AS five
# expect: docker/untrusted-registry "johndoe/node-with-extras:20"
FROM johndoe/node-with-extras:20
USER 1000
HEALTHCHECK CMD ["true"]
