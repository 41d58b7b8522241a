# The app image (also runs the simulators: see compose.yaml). Minimal on purpose, and NOT built or run by this
# repository's tests or CI (no container engine there): check it before relying on it. README "Deploy".
FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npx vite build --logLevel warn && npm prune --omit=dev

FROM node:22-slim
WORKDIR /app
# The server command of `npm start` (scripts/server-command.mjs), without the wrapper process: SIGTERM reaches the
# server itself, which shuts down gracefully within SHUTDOWN_TIMEOUT_SECONDS.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATA_DIR=/data MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
COPY --from=build --chown=node:node /app /app
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8080/api/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--max-semi-space-size=4", "--import", "tsx", "server/main.ts"]
