# Protects: a variable name is never made into a regular expression. `TOKEN(` made one that does
# not compile (the rule failed and the real token below went unreported); `(x+x+)+y_TOKEN` made
# one that backtracks for seconds on the RUN below (the watchdog then stopped the rule).
FROM node:20.18-alpine
# expect: docker/secret-in-env "…"
ENV TOKEN(=abc
# expect: docker/secret-in-env "abcd…"
ENV (x+x+)+y_TOKEN=abcdefgh123456
# expect: docker/secret-in-env "ghp_…"
ENV GITHUB_TOKEN=ghp_u8jzPde0IgxLd6GncfBAepfJBd0Kh8oOOL8d
RUN echo $xxxxxxxxxxxxxxxxxxxx! ${TOKEN(} && git clone https://${GITHUB_TOKEN}@github.com/a/b
USER node
