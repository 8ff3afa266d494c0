# A Debian-based image: the fix uses groupadd/useradd.
FROM python:3.12-slim AS deps
RUN pip install --no-cache-dir uv

# expect: docker/root-user "FROM deps"
FROM deps
WORKDIR /app
COPY app.py ./
HEALTHCHECK CMD ["python", "-c", "print('ok')"]
CMD ["python", "app.py"]
