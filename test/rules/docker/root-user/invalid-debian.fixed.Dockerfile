# A Debian-based image: the fix uses groupadd/useradd.
FROM python:3.12-slim AS deps
RUN pip install --no-cache-dir uv

# expect: docker/root-user "FROM deps"
FROM deps
WORKDIR /app
COPY app.py ./
HEALTHCHECK CMD ["python", "-c", "print('ok')"]
# Create a non-root user
RUN groupadd --system --gid 1001 appuser && \
    useradd --system --uid 1001 --gid appuser --no-create-home appuser

# Switch to non-root user
USER appuser

CMD ["python", "app.py"]
