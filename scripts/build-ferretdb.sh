#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol over SQLite) from the Go module proxy, with our patch series
# (third_party/ferretdb/, see its README.md), and caches the binary outside the repository. Used when no MONGODB_URL
# is given and no real mongod can be had. Prints the binary's path on the last line of stdout; progress goes to
# stderr, one line per step.
#
#   scripts/build-ferretdb.sh            build once (cached), as `npm start` and the tests do
#   scripts/build-ferretdb.sh --verify   also gofmt/go vet our Go files and go test every patched package (CI)
#
# A user's first start does not run FerretDB's tests: the pinned module checksum and `git apply --check` already
# refuse anything but the exact source the series was made and tested against.
set -euo pipefail
VERIFY=0
case "${1:-}" in
  --verify) VERIFY=1 ;;
  "") ;;
  *) echo "usage: $0 [--verify]" >&2; exit 2 ;;
esac
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATCHES="$ROOT/third_party/ferretdb"
MODULE=github.com/FerretDB/FerretDB
VERSION=v1.24.2
# The module's go.sum hash (`go mod download -json` reports it as Sum; also in the module cache's .ziphash).
# The series is made against exactly this source; another version needs a new series and a new pin.
MODULE_SUM='h1:trrUU0LbmusMbyubhPS1IELncvrIwKrsRT2LW1UUWCw='
# Go packages the series changes; --verify tests each of them.
PATCHED_PACKAGES=(./internal/backends/sqlite/... ./internal/handler ./internal/handler/common ./internal/handler/sjson
  ./internal/util/resource)
CACHE="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
say() { echo "[ferretdb] $*" >&2; }
die() { say "$*"; exit 3; }

# The cache key covers everything that goes into the binary: the series, our Go files and this script.
KEY=$(cd "$ROOT" && { find third_party/ferretdb -type f ! -name README.md | LC_ALL=C sort | xargs sha256sum
  sha256sum scripts/build-ferretdb.sh; } | sha256sum | cut -c1-12)
BIN="$CACHE/ferretdb-$VERSION-$KEY/ferretdb"
if [[ -x "$BIN" && $VERIFY == 0 ]]; then echo "$BIN"; exit 0; fi

# Go is usually at /usr/local/go when it is not on PATH (the official tarball's place).
command -v go >/dev/null || export PATH="$PATH:/usr/local/go/bin"
command -v go >/dev/null || die "building FerretDB needs Go >= 1.24 (https://go.dev/dl), or set MONGODB_URL"
mkdir -p "$CACHE"
START=$SECONDS
[[ $VERIFY == 1 ]] || say "building the embedded FerretDB once (about 2 min; cached in $CACHE)"
export GOFLAGS="${GOFLAGS:-} -mod=mod"

say "1/4 fetching FerretDB $VERSION source from the Go module proxy"
INFO=$(cd "$(mktemp -d)" && go mod download -json "$MODULE@$VERSION") || die "go mod download failed"
DIR=$(sed -n 's/^\s*"Dir": "\(.*\)",$/\1/p' <<<"$INFO")
SUM=$(sed -n 's/^\s*"Sum": "\(.*\)",$/\1/p' <<<"$INFO")
[[ -n "$DIR" ]] || die "go mod download gave no directory"
say "2/4 checking its checksum"
[[ "$SUM" == "$MODULE_SUM" ]] || die "$MODULE@$VERSION has checksum $SUM, expected $MODULE_SUM; refusing to patch it"

WORK="$CACHE/src-$VERSION-$KEY"
rm -rf "$WORK"; mkdir -p "$WORK"; cp -r "$DIR"/. "$WORK"/; chmod -R u+w "$WORK"
cd "$WORK"
# A repository of its own: git apply then works relative to this directory wherever the cache is, and FerretDB's
# test helpers find the repository root by its .git.
git init -q .
mapfile -t SERIES < <(grep -v -e '^#' -e '^\s*$' "$PATCHES/series")
say "3/4 applying ${#SERIES[@]} patches (third_party/ferretdb/series)"
for P in "${SERIES[@]}"; do
  git apply --check "$PATCHES/$P" 2>"$CACHE/apply.log" || die "$P does not apply to $MODULE@$VERSION; see $CACHE/apply.log"
  git apply "$PATCHES/$P"
done
# Our new Go files: none may exist upstream (that would be a mismatch of its own).
NEW_FILES=()
while IFS= read -r F; do
  [[ ! -e "$WORK/$F" ]] || die "$F already exists in $MODULE@$VERSION; refusing to overwrite it"
  mkdir -p "$(dirname "$WORK/$F")"; cp "$PATCHES/files/$F" "$WORK/$F"; NEW_FILES+=("$F")
done < <(cd "$PATCHES/files" && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
echo "$VERSION" > "$WORK/build/version/version.txt"

# Progress while Go compiles: `go build -v` names each package as it is built; every 15 s we say how far it is.
TOTAL=$(go list -deps ./cmd/ferretdb 2>/dev/null | wc -l || true)
say "4/4 compiling ($TOTAL packages, about 2 minutes the first time)"
mkdir -p "$(dirname "$BIN")"
build() { CGO_ENABLED=0 go build -v -trimpath "$@" -o "$BIN.tmp" ./cmd/ferretdb 2>"$CACHE/build.log" & local pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    sleep 1
    if (( (SECONDS - START) % 15 == 0 )); then
      say "    compiling: $(grep -c -v -e '^#' -e ' ' "$CACHE/build.log" || true) of $TOTAL packages, $((SECONDS - START)) s"
    fi
  done
  wait "$pid"; }
if ! build; then
  say "retrying with -ldflags=-checklinkname=0"
  build -ldflags=-checklinkname=0 || die "go build failed; see $CACHE/build.log"
fi

if [[ $VERIFY == 1 ]]; then
  say "verify: gofmt -l and go vet on our Go files"
  UNFORMATTED=$(gofmt -l "${NEW_FILES[@]}" $(git diff --name-only))
  [[ -z "$UNFORMATTED" ]] || die "not gofmt-formatted: $UNFORMATTED"
  mapfile -t NEW_DIRS < <(printf './%s\n' "${NEW_FILES[@]}" | xargs -n1 dirname | sort -u)
  go vet "${NEW_DIRS[@]}" || die "go vet failed"
  say "verify: go test ${PATCHED_PACKAGES[*]}"
  go test -count=1 "${PATCHED_PACKAGES[@]}" >"$CACHE/test.log" 2>&1 \
    || die "FerretDB's tests failed on our patches; see $CACHE/test.log"
  say "verify: FerretDB's tests of the patched packages pass"
fi

mv "$BIN.tmp" "$BIN"
cd /; rm -rf "$WORK"
say "built in $((SECONDS - START)) s, cached as $BIN"
echo "$BIN"
