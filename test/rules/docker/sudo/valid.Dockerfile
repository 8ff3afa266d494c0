FROM ubuntu:24.04
# ok: docker/sudo
RUN apt-get update && apt-get install -y --no-install-recommends curl
# Installing the sudo package is not using it.
# ok: docker/sudo
RUN apt-get install -y pseudo-tools
# ok: docker/sudo
RUN echo "no sudo needed" > /etc/motd
# ok: docker/sudo
RUN useradd --system app && mkdir -p /etc/sudoers.d
USER 1000
HEALTHCHECK CMD ["true"]
CMD ["bash"]
