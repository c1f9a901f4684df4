#!/usr/bin/env bash
# Builds the FerretDB binary the embedded default and the test suite run, once: the result is
# kept in .tools/ (git-ignored) and reused while it exists. `npm install` runs this (postinstall),
# so `npm start` finds it built. FerretDB's module source lacks the generated
# build/version/version.txt that its main package requires, so this builds from a copy of the
# module with that file written. Progress goes to stderr; the binary's path to stdout.
set -euo pipefail
VERSION=v1.24.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${FERRETDB_BIN:-$ROOT/.tools/ferretdb-$VERSION}"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v go >/dev/null || { echo "Go (1.22 or newer) is required to build FerretDB $VERSION, the embedded database (see README); or set MONGODB_URI" >&2; exit 1; }
START=$(date +%s)
say() { echo "[ferretdb $(( $(date +%s) - START ))s] $*" >&2; }
# Counts the lines naming one module fetched or package compiled, printing a line every 25;
# any other line (an error) is shown as it is.
count() { awk -v what="$1" -v start="$START" '/ |^#/ && !/\.zip: 200/ { print > "/dev/stderr"; next } { n++; if (n % 25 == 0) { printf "[ferretdb %ds]   %d %s\n", systime() - start, n, what > "/dev/stderr"; fflush() } } END { printf "[ferretdb %ds]   %d %s in all\n", systime() - start, n + 0, what > "/dev/stderr" }'; }
mkdir -p "$(dirname "$BIN")"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
say "building FerretDB $VERSION into $BIN, once (about 3 to 4 minutes with empty Go caches, seconds with warm ones; see README)"
say "1/3 fetching the FerretDB module from the Go module proxy"
SRC="$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
cp -r "$SRC" "$WORK/src"
chmod -R u+w "$WORK/src"
echo "$VERSION" > "$WORK/src/build/version/version.txt"
say "2/3 fetching its dependencies (Go module cache: $(go env GOMODCACHE))"
(cd "$WORK/src" && go mod download -x 2>&1 | { grep --line-buffered -E '\.zip: 200|^go: ' || true; } | count "modules downloaded")
say "3/3 compiling (Go build cache: $(go env GOCACHE); packages already in the cache are not listed)"
(cd "$WORK/src" && CGO_ENABLED=0 go build -v -trimpath -o "$BIN.tmp" ./cmd/ferretdb 2>&1 | count "packages compiled")
mv "$BIN.tmp" "$BIN"
say "done: $BIN ($(du -h "$BIN" | cut -f1))"
echo "$BIN"
