# Images that serve: a port is exposed, or the command starts a known server.
FROM python:3.12-slim AS api
RUN pip install --no-cache-dir uvicorn fastapi
CMD ["uvicorn", "main:app", "--host", "0.0.0.0"]

FROM eclipse-temurin:21-jre AS jvm
COPY app.jar /app.jar
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app.jar"]

FROM python:3.12-slim AS wsgi
CMD sh -c "exec gunicorn --bind 0.0.0.0:8000 app:app"

# The final stage exposes a port; its command is an ordinary script.
# expect: docker/missing-healthcheck "FROM node:20.18-alpine"
FROM node:20.18-alpine
COPY dist /app
USER node
EXPOSE 8080
CMD ["node", "/app/index.js"]
