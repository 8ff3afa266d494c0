# MCP servers over stdio have no port: the client talks to the process itself.
FROM golang:1.23-alpine AS build
RUN go build -o /out/server ./cmd/server

# ok: docker/missing-healthcheck
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/server /server
ENTRYPOINT ["/server"]
CMD ["stdio"]
