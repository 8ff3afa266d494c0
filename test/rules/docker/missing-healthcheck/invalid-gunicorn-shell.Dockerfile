# A server started through `sh -c` is still a server.
# expect: docker/missing-healthcheck "FROM python:3.12-slim"
FROM python:3.12-slim
USER 1000
CMD ["sh", "-c", "exec gunicorn --workers 2 --bind 0.0.0.0:${PORT:-8000} wsgi:app"]
