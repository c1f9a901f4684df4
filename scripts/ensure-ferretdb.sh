#!/usr/bin/env bash
# Builds the FerretDB binary the embedded default and the test suite run, once: the result is
# kept in .tools/ (git-ignored) and reused while it exists. FerretDB's module source lacks the
# generated build/version/version.txt that its main package requires, so this builds from a
# copy of the module with that file written.
set -euo pipefail
VERSION=v1.24.2
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BIN="${FERRETDB_BIN:-$ROOT/.tools/ferretdb-$VERSION}"
if [ -x "$BIN" ]; then echo "$BIN"; exit 0; fi
command -v go >/dev/null || { echo "go is required to build FerretDB (see README)" >&2; exit 1; }
mkdir -p "$(dirname "$BIN")"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
SRC="$(cd "$WORK" && GOFLAGS=-mod=mod go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
cp -r "$SRC" "$WORK/src"
chmod -R u+w "$WORK/src"
echo "$VERSION" > "$WORK/src/build/version/version.txt"
echo "building FerretDB $VERSION into $BIN (a few minutes, once)" >&2
(cd "$WORK/src" && CGO_ENABLED=0 go build -trimpath -o "$BIN.tmp" ./cmd/ferretdb)
mv "$BIN.tmp" "$BIN"
echo "$BIN"
