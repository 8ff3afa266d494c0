# expect: docker/missing-healthcheck "FROM gcr.io/distroless/nodejs20-debian12:nonroot"
FROM gcr.io/distroless/nodejs20-debian12:nonroot
COPY dist /app
CMD ["/app/server.js"]
