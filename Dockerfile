# syntax=docker/dockerfile:1
# serialgraph API image: built from the workspace, run from the bundle and its production
# dependencies only, as the unprivileged user "node". Targets: api (default) and demo (also
# serves the demo back office). Both need DATABASE_URL (no embedded PostgreSQL in the image).
#   docker build -t serialgraph-api .
#   docker build --target demo -t serialgraph-demo .
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
ENV CI=true
# corepack's signature check fails in some networks; the pinned pnpm comes from npm instead.
RUN npm install --global pnpm@10.34.8
WORKDIR /src
COPY . .
RUN sh docker/build.sh /out

FROM build AS demo-build
RUN sh docker/build.sh --demo /out

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    SERIALGRAPH_DATA_DIR=/var/lib/serialgraph
WORKDIR /app
# Owned by root, read-only for the app user; only the data directory is writable.
COPY --from=build /out/api /app
RUN mkdir -p /var/lib/serialgraph && chown node:node /var/lib/serialgraph
USER node
EXPOSE 4000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/main.js"]

FROM runtime AS demo
COPY --from=demo-build /out/demo /app/demo
CMD ["node", "--enable-source-maps", "dist/main.js", "--demo", "--static", "demo"]

# The default target: the API alone.
FROM runtime AS api
