#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol over SQLite) from the Go module proxy and caches the
# binary outside the repository. Used when no MONGODB_URL is given and no real mongod can be had.
# Prints the binary's path on the last line of stdout.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
CACHE="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
BIN="$CACHE/ferretdb-$VERSION/ferretdb"
if [[ -x "$BIN" ]]; then echo "$BIN"; exit 0; fi
# Go is usually at /usr/local/go when it is not on PATH (the official tarball's place).
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || { echo "[ferretdb] building FerretDB needs Go >= 1.22 (https://go.dev/dl), or set MONGODB_URL" >&2; exit 3; }
echo "[ferretdb] building FerretDB $VERSION once (a few minutes, cached in $CACHE)" >&2
export GOFLAGS="${GOFLAGS:-} -mod=mod"
DIR=$(cd "$(mktemp -d)" && go mod download -json "github.com/FerretDB/FerretDB@$VERSION" | sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p')
[[ -n "$DIR" ]] || { echo "[ferretdb] go mod download failed" >&2; exit 3; }
WORK="$CACHE/src-$VERSION"
rm -rf "$WORK"; mkdir -p "$WORK"; cp -r "$DIR"/. "$WORK"/; chmod -R u+w "$WORK"
echo "$VERSION" > "$WORK/build/version/version.txt"
mkdir -p "$(dirname "$BIN")"
cd "$WORK"
echo "[ferretdb] go build ./cmd/ferretdb" >&2
if ! CGO_ENABLED=0 go build -trimpath -o "$BIN.tmp" ./cmd/ferretdb 2>"$CACHE/build.log"; then
  echo "[ferretdb] retrying with -checklinkname=0" >&2
  CGO_ENABLED=0 go build -trimpath -ldflags=-checklinkname=0 -o "$BIN.tmp" ./cmd/ferretdb
fi
mv "$BIN.tmp" "$BIN"
rm -rf "$WORK"
echo "[ferretdb] built $BIN" >&2
echo "$BIN"
