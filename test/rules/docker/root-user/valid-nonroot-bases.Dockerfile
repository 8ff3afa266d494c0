# Base images that already run unprivileged without a USER of their own.
FROM nginxinc/nginx-unprivileged:1.27-alpine AS web
COPY site/ /usr/share/nginx/html/

FROM mcr.microsoft.com/dotnet/aspnet:8.0-jammy-chiseled AS api
COPY --from=web /usr/share/nginx/html /app/wwwroot

# The jupyter stacks run as jovyan (NB_UID).
# expect: docker/untrusted-registry "quay.io/jupyter/scipy-notebook:2025-03-10"
# ok: docker/root-user
FROM quay.io/jupyter/scipy-notebook:2025-03-10
RUN pip install --no-cache-dir altair
HEALTHCHECK CMD ["true"]
