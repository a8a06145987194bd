# syntax=docker/dockerfile:1
#
# One Stormline node: the built web app, the API and the websocket sync on one port.
# Without DATABASE_URL and REDIS_URL it is the embedded mode (SQLite under DATA_DIR); with both it
# is one of any number of scale-out nodes (compose.yaml; README, "Running several nodes").
#
#   docker build -t stormline .
#   docker run -p 3000:3000 -v stormline-data:/app/data stormline

FROM node:24-bookworm-slim AS base
# The pnpm pinned in package.json's packageManager, through npm (Node stops bundling corepack at 25).
RUN npm install --global pnpm@11.28.10
WORKDIR /app
# Manifests first: the installs below are cached until a manifest or the lockfile changes. Every
# workspace project's manifest is needed for a frozen install, even the ones not installed.
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml ./
COPY shared/package.json shared/
COPY server/package.json server/
COPY web/package.json web/
COPY e2e/package.json e2e/
COPY bench/package.json bench/

# The server's production dependencies only (server and shared). better-sqlite3 13 ships prebuilt
# binaries for linux x64 and arm64 (glibc and musl) and compiles nothing at install
# ("gypfile": false), so no C++ toolchain is needed here.
FROM base AS prod-deps
RUN --mount=type=cache,id=stormline-pnpm,target=/pnpm-store \
    pnpm install --frozen-lockfile --prod --store-dir /pnpm-store --filter "@stormline/server..."

# The web app: web and shared with their dev dependencies (Vite), built to web/dist.
FROM base AS web-build
RUN --mount=type=cache,id=stormline-pnpm,target=/pnpm-store \
    pnpm install --frozen-lockfile --store-dir /pnpm-store --filter "@stormline/web..."
# web/ and shared/ extend it, and Vite reads it to transform TypeScript.
COPY tsconfig.base.json ./
COPY shared shared
COPY web web
RUN pnpm build

FROM node:24-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    WEB_DIST=/app/web/dist \
    DATA_DIR=/app/data
WORKDIR /app
# Manifests and node_modules (root, server, shared); the sources land beside them.
COPY --from=prod-deps /app ./
COPY shared shared
COPY server server
COPY --from=web-build /app/web/dist web/dist
# DATA_DIR for the embedded mode: mount a volume there to keep the boards.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 3000
# Node runs the TypeScript sources directly (type stripping); the server handles SIGTERM itself
# (stops accepting, compacts open boards, closes sockets with 1001, exits 0).
CMD ["node", "server/src/main.ts"]
