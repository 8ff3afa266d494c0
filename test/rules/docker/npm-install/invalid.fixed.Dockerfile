FROM node:20.18-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
# expect: docker/npm-install "npm install"
RUN npm ci
# expect: docker/npm-install "npm i --no-audit"
RUN npm ci --no-audit && npm run build

FROM node:20.18-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# expect: docker/npm-install "npm install --production"
RUN npm ci --omit=dev
# expect: docker/npm-install "npm ci"
RUN npm ci --omit=dev
COPY --from=build /app/dist ./dist
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "dist/server.js"]
