FROM node:20.18-alpine AS build
WORKDIR /app
COPY package.json package-lock.json ./
# expect: docker/npm-install "npm install"
RUN npm install
# expect: docker/npm-install "npm i --no-audit"
RUN npm i --no-audit && npm run build

FROM node:20.18-alpine
WORKDIR /app
COPY package.json package-lock.json ./
# expect: docker/npm-install "npm install --production"
RUN npm install --production
# expect: docker/npm-install "npm ci"
RUN npm ci
COPY --from=build /app/dist ./dist
USER node
HEALTHCHECK CMD ["node", "health.js"]
CMD ["node", "dist/server.js"]
