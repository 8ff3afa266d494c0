# Written in the style of an official language image: builds from a verified source tarball.
FROM debian:bookworm-slim

ENV PYTHON_VERSION=3.12.7
ENV GPG_KEY=7169605F62C751356D054A26A821E680E5FA6305
ENV LANG=C.UTF-8

RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends ca-certificates dpkg-dev gcc libssl-dev make wget xz-utils zlib1g-dev; \
    wget -O python.tar.xz "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz"; \
    wget -O python.tar.xz.asc "https://www.python.org/ftp/python/${PYTHON_VERSION%%[a-z]*}/Python-$PYTHON_VERSION.tar.xz.asc"; \
    GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; \
    gpg --batch --keyserver hkps://keys.openpgp.org --recv-keys "$GPG_KEY"; \
    gpg --batch --verify python.tar.xz.asc python.tar.xz; \
    mkdir -p /usr/src/python; \
    tar --extract --directory /usr/src/python --strip-components=1 --file python.tar.xz; \
    rm python.tar.xz python.tar.xz.asc; \
    cd /usr/src/python; \
    ./configure --enable-optimizations --with-ensurepip; \
    make -j "$(nproc)"; \
    make install; \
    rm -rf /usr/src/python; \
    apt-get purge -y --auto-remove dpkg-dev gcc make; \
    rm -rf /var/lib/apt/lists/*

CMD ["python3"]
