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
# The build runs as root here: `sudo -u <user>` runs the command with fewer privileges.
# ok: docker/sudo
RUN set -eux; sudo -u postgres initdb
# ok: docker/sudo
RUN git clone https://example.com/app.git /srv/app && sudo -E -u app -H bundle install
# ok: docker/sudo
RUN sudo --user=app npm ci
# ok: docker/sudo
RUN sudo -Eu app yarn build && HOME=/home/app sudo -iu app true
# ok: docker/sudo
RUN sudo --user app -- python3 -m compileall /srv/app
USER root
# An explicit USER root is still root.
# ok: docker/sudo
RUN sudo -u app /srv/app/bin/migrate --check
USER 1000
HEALTHCHECK CMD ["true"]
CMD ["bash"]
