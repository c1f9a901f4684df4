#!/usr/bin/env bash
# Run by `npm install` / `npm ci` (the root package's postinstall): builds what `npm start`
# needs, so it starts at once: the embedded database (FerretDB, once per clone) and the
# compiled service. Without Go the install still succeeds; the service then needs MONGODB_URI.
set -uo pipefail
cd "$(dirname "$0")/.."
echo "[setup] 1/2 the embedded database (FerretDB)" >&2
if ! ./scripts/ensure-ferretdb.sh >/dev/null; then
  echo "[setup] FerretDB was not built: npm start and npm test need it unless MONGODB_URI names a MongoDB server" >&2
fi
echo "[setup] 2/2 the service (TypeScript)" >&2
node scripts/build-if-stale.js || echo "[setup] the service did not compile: npm start will show the errors" >&2
