FROM ubuntu:24.04
# expect: docker/sudo "sudo"
RUN sudo apt-get update
# expect: docker/sudo "sudo"
# expect: docker/sudo "sudo"
RUN apt-get install -y curl && sudo mkdir /data && sudo -E chown 1000 /data
# expect: docker/sudo "sudo"
RUN set -eux; sudo -u postgres initdb
# expect: docker/sudo "sudo"
RUN [ -d /opt ] || sudo mkdir /opt
USER 1000
HEALTHCHECK CMD ["true"]
CMD ["bash"]
