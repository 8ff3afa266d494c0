# scratch has no users, but an explicit USER 0:0 still runs the binary as root.
FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /server .

FROM scratch
COPY --from=build /server /server
# expect: docker/root-user "USER 0:0"
USER 65534:65534
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
