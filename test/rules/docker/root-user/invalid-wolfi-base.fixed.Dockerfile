# Chainguard's wolfi-base is the one Chainguard base meant to build on, and it runs as root.
# expect: docker/root-user "FROM cgr.dev/chainguard/wolfi-base:20250301"
FROM cgr.dev/chainguard/wolfi-base:20250301
RUN apk add --no-cache python-3.12
HEALTHCHECK CMD ["true"]
USER nonroot

CMD ["python3", "-m", "http.server"]
