# An explicit USER root on a base that runs unprivileged still runs the container as root.
# expect: docker/untrusted-registry "quay.io/jupyter/base-notebook:2025-03-10"
FROM quay.io/jupyter/base-notebook:2025-03-10
# expect: docker/root-user "USER root"
USER root
RUN apt-get update && apt-get install -y --no-install-recommends graphviz
HEALTHCHECK CMD ["true"]
