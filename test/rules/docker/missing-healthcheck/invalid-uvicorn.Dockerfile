# No EXPOSE, but the command starts uvicorn behind tini.
# expect: docker/missing-healthcheck "FROM python:3.12-slim"
FROM python:3.12-slim
RUN pip install --no-cache-dir uvicorn
USER 1000
ENTRYPOINT ["tini", "--"]
CMD ["python", "-m", "uvicorn", "app:api", "--port", "8000"]
