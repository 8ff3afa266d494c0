#!/bin/sh
set -e
# Nothing here switches user: the app runs as root.
exec "$@"
