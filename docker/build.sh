#!/bin/sh
# Builds what the runtime image carries, in a clean copy of the workspace. The Dockerfile runs
# exactly this, and apps/api/test/container-image.test.ts runs it too (in a temporary copy).
#
#   docker/build.sh OUT          the API: OUT/api = package.json, dist/ (tsup bundle), production
#                                node_modules (no embedded PostgreSQL binaries: the image needs DATABASE_URL)
#   docker/build.sh --demo OUT   the demo back office's static build in OUT/demo
set -eu

demo=0
if [ "${1:-}" = --demo ]; then
  demo=1
  shift
fi
out=${1:?usage: docker/build.sh [--demo] OUT_DIR}
case "$out" in /*) ;; *) out="$(pwd)/$out" ;; esac

if [ "$demo" = 1 ]; then
  pnpm install --frozen-lockfile --filter '@serialgraph/demo...'
  pnpm --filter '@serialgraph/demo...' run build
  rm -rf "$out/demo"
  mkdir -p "$out"
  cp -R apps/demo/dist "$out/demo"
  exit 0
fi

# Only the API and the workspace packages it is built from (the domain). Optional packages stay:
# build tools need theirs (rollup's, esbuild's native binaries).
pnpm install --frozen-lockfile --filter '@serialgraph/api...'
pnpm --filter '@serialgraph/api...' run build
# The production dependencies from the lockfile; "files" in apps/api/package.json keeps only dist/.
# pnpm 10 deploys from the lockfile only with injected workspace packages: set for this command alone.
rm -rf "$out/api"
pnpm --config.inject-workspace-packages=true --filter @serialgraph/api deploy --prod --no-optional "$out/api"
rm -f "$out/api/pnpm-lock.yaml"
