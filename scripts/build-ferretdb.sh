#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol over SQLite) from the Go module proxy and caches the
# binary outside the repository. Used when no MONGODB_URL is given and no real mongod can be had.
# Prints the binary's path on the last line of stdout.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
CACHE="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
# "-p5": our patches below are in the binary; a cached unpatched build is not reused.
BIN="$CACHE/ferretdb-$VERSION-p5/ferretdb"
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
# Patch: FerretDB v1's SQLite backend creates the _id index on `_ferretdb_sjson->"_id"` but looks documents
# up with `_ferretdb_sjson->'$._id'`. SQLite matches index expressions by their text, so every lookup,
# update and delete by _id scanned the whole table (20 ms per update at 10,000 documents). `->'_id'` means
# the same path and matches the index. Checked by test/integration/database-lookups.test.ts.
META="$WORK/internal/backends/sqlite/metadata/metadata.go"
grep -q "IDColumn = DefaultColumn + \"->'\$._id'\"" "$META" || { echo "[ferretdb] patch target not found in $META" >&2; exit 3; }
sed -i "s|IDColumn = DefaultColumn + \"->'\$._id'\"|IDColumn = DefaultColumn + \"->'_id'\"|" "$META"
# Patch: queries push `_id` equality down to SQLite only when the filter has no other key, so a
# conditional update such as {_id, status} read the whole table. FerretDB filters every pushed-down
# result again in the handler, so pushing `_id` down whenever it appears once at the top level is safe.
COLL="$WORK/internal/backends/sqlite/collection.go"
grep -q "if params.Filter.Len() == 1 {" "$COLL" || { echo "[ferretdb] patch target not found in $COLL" >&2; exit 3; }
sed -i 's/if params.Filter.Len() == 1 {/if filterNamesIDOnce(params.Filter) {/' "$COLL"
cat > "$WORK/internal/backends/sqlite/switchboard_pushdown.go" <<'GO'
package sqlite

import "github.com/FerretDB/FerretDB/internal/types"

// filterNamesIDOnce reports whether the filter has exactly one top-level _id key (added by Switchboard's build).
func filterNamesIDOnce(filter *types.Document) bool {
	n := 0
	for _, k := range filter.Keys() {
		if k == "_id" {
			n++
		}
	}
	return n == 1
}
GO
# Patch: `_id: {$in: [...]}` (strings or ObjectIds) is pushed down as `IN (...)` on the _id index too, so an
# update of a batch of callbacks by id reads those rows, not the table (a whole-table read per batch before).
cat >> "$WORK/internal/backends/sqlite/switchboard_pushdown.go" <<'GO'

// idInClause returns ` WHERE <_id> IN (?, ...)` and its arguments for a filter value {$in: [ids]} of strings
// or ObjectIds (at most 1000), or "" when the value is anything else (added by Switchboard's build).
func idInClause(v any) (string, []any) {
	doc, ok := v.(*types.Document)
	if !ok || doc.Len() != 1 {
		return "", nil
	}
	in, err := doc.Get("$in")
	if err != nil {
		return "", nil
	}
	arr, ok := in.(*types.Array)
	if !ok || arr.Len() == 0 || arr.Len() > 1000 {
		return "", nil
	}
	args := make([]any, 0, arr.Len())
	marks := make([]string, 0, arr.Len())
	for i := 0; i < arr.Len(); i++ {
		id, _ := arr.Get(i)
		switch id.(type) {
		case string, types.ObjectID:
			args = append(args, string(must.NotFail(sjson.MarshalSingleValue(id))))
			marks = append(marks, "?")
		default:
			return "", nil
		}
	}
	return fmt.Sprintf(` WHERE %s IN (%s)`, metadata.IDColumn, strings.Join(marks, ", ")), args
}
GO
sed -i 's|^import "github.com/FerretDB/FerretDB/internal/types"$|import (\n\t"fmt"\n\t"strings"\n\n\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"\n\t"github.com/FerretDB/FerretDB/internal/handler/sjson"\n\t"github.com/FerretDB/FerretDB/internal/types"\n\t"github.com/FerretDB/FerretDB/internal/util/must"\n)|' "$WORK/internal/backends/sqlite/switchboard_pushdown.go"
ARGS='			args = []any{string(must.NotFail(sjson.MarshalSingleValue(v)))}'
[[ $(grep -cF "$ARGS" "$COLL") == 2 ]] || { echo "[ferretdb] patch target not found twice in $COLL" >&2; exit 3; }
# Query (first occurrence) and Explain (second, which also reports the pushdown).
awk -v args="$ARGS" '{ print } $0 == args { n++; print "\t\tcase *types.Document:"; print "\t\t\tif clause, ids := idInClause(v); clause != \"\" {"; if (n == 2) print "\t\t\t\tfilterPushdown = true"; print "\t\t\t\twhereClause, args = clause, ids"; print "\t\t\t}" }' "$COLL" > "$COLL.new" && mv "$COLL.new" "$COLL"
# Patch: an update command's iterators were closed by a `defer` inside its loop, so every statement of one
# command kept a SQLite connection until the command ended; the 101st statement waited for ever on the pool of 100
# (a bulkWrite of 100+ updates hung). Each update's iterators are now closed when that update is done.
UPD="$WORK/internal/handler/msg_update.go"
grep -q "^		defer closer.Close()$" "$UPD" || { echo "[ferretdb] patch target not found in $UPD" >&2; exit 3; }
sed -i 's/^\t\tdefer closer.Close()$//' "$UPD"
sed -i 's/^\t\tresult, err := common.UpdateDocument(ctx, c, "update", iter, &u)$/&\n\t\tcloser.Close()/' "$UPD"
grep -q "^		closer.Close()$" "$UPD" || { echo "[ferretdb] patch did not apply to $UPD" >&2; exit 3; }
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
