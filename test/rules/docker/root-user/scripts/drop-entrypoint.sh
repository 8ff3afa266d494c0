#!/bin/sh
set -e
# Prepare the data folder as root, then run the app unprivileged.
chown -R app:app /data
exec gosu "$APP_USER" "$@"
