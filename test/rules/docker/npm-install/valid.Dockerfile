FROM node:20.18-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Dev dependencies are needed to build.
# ok: docker/npm-install
RUN npm ci
# ok: docker/npm-install
RUN npm run build
# Installing a tool globally is not installing the project.
# ok: docker/npm-install
RUN npm install -g pm2@5.4.2

FROM node:20.18-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# ok: docker/npm-install
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "dist/server.js"]
