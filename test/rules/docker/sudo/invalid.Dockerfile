FROM ubuntu:24.04
# expect: docker/sudo "sudo"
RUN sudo apt-get update
# expect: docker/sudo "sudo"
# expect: docker/sudo "sudo"
RUN apt-get install -y curl && sudo mkdir /data && sudo -E chown 1000 /data
# expect: docker/sudo "sudo"
RUN [ -d /opt ] || sudo mkdir /opt
# Running a command as root on purpose is still gaining root.
# expect: docker/sudo "sudo"
RUN sudo -u root touch /etc/marker
# expect: docker/sudo "sudo"
RUN DEBIAN_FRONTEND=noninteractive sudo apt-get install -y jq
# A passwordless grant lets the app user become root at run time.
# expect: docker/sudo "NOPASSWD"
RUN useradd -m builder && echo "builder ALL=(ALL) NOPASSWD: ALL" >> /etc/sudoers
# expect: docker/sudo "NOPASSWD"
RUN printf 'worker ALL=(ALL) NOPASSWD:ALL\n' | tee /etc/sudoers.d/worker
USER 1000
# After a non-root USER, `sudo -u` needs a sudoers rule for that user: still sudo.
# expect: docker/sudo "sudo"
RUN sudo -u postgres initdb
HEALTHCHECK CMD ["true"]
CMD ["bash"]
