# escape=`
# With a backtick escape character the fix continues lines with a backtick, and with no CMD
# it appends at the end.
# expect: docker/root-user "FROM ubuntu:24.04"
FROM ubuntu:24.04
RUN apt-get update && `
    apt-get install -y --no-install-recommends curl
HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]
