FROM python:3.12-slim AS base
RUN pip install --no-cache-dir flask
# expect: docker/missing-healthcheck "FROM base"
FROM base
USER 1000
CMD ["python", "-m", "flask", "run"]
