#!/usr/bin/env bash
# Builds FerretDB v1 (MongoDB wire protocol over SQLite) from the Go module proxy and caches the
# binary outside the repository. Used when no MONGODB_URL is given and no real mongod can be had.
# Prints the binary's path on the last line of stdout.
set -euo pipefail
VERSION="${FERRETDB_VERSION:-v1.24.2}"
CACHE="${SWITCHBOARD_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/switchboard}"
# The cache key is this script's hash: the patches below are in the binary, so any change to them builds anew.
BIN="$CACHE/ferretdb-$VERSION-$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-12)/ferretdb"
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
# Patch: every other filter read (and decoded) the whole table in FerretDB's Go code, for example
# {serviceId, status: "assigned"} to count open loads. Top-level equality to a string, or $in of strings, is now
# pushed down to SQLite as well, as a superset (an array field might contain the string), when the filter
# names no _id: FerretDB's own filter still runs on every row SQLite returns.
cat >> "$WORK/internal/backends/sqlite/switchboard_pushdown.go" <<'GO'

var pushdownField = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)

// fieldsClause returns ` WHERE ...` and its arguments for the filter's top-level fields that equal a string or
// are {$in: [strings]}, or "" when there are none (added by Switchboard's build).
func fieldsClause(filter *types.Document) (string, []any) {
	keys, values := filter.Keys(), filter.Values()
	count := map[string]int{}
	for _, k := range keys {
		count[k]++
	}
	var conditions []string
	var args []any
	for i, k := range keys {
		if count[k] != 1 || !pushdownField.MatchString(k) {
			continue
		}
		var strs []any
		switch v := values[i].(type) {
		case string:
			strs = []any{v}
		case *types.Document:
			in, err := v.Get("$in")
			arr, ok := in.(*types.Array)
			if err != nil || v.Len() != 1 || !ok || arr.Len() == 0 || arr.Len() > 100 {
				continue
			}
			for j := 0; j < arr.Len(); j++ {
				s, _ := arr.Get(j)
				if _, ok := s.(string); !ok {
					strs = nil
					break
				}
				strs = append(strs, s)
			}
		}
		if len(strs) == 0 {
			continue
		}
		path := fmt.Sprintf("'$.%s'", k)
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(strs)), ", ")
		conditions = append(conditions, fmt.Sprintf("(%s->>%s IN (%s) OR json_type(%s, %s) = 'array')",
			metadata.DefaultColumn, path, marks, metadata.DefaultColumn, path))
		args = append(args, strs...)
	}
	if len(conditions) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conditions, " AND "), args
}
GO
sed -i 's|^import "github.com/FerretDB/FerretDB/internal/types"$|import (\n\t"fmt"\n\t"regexp"\n\t"strings"\n\n\t"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"\n\t"github.com/FerretDB/FerretDB/internal/handler/sjson"\n\t"github.com/FerretDB/FerretDB/internal/types"\n\t"github.com/FerretDB/FerretDB/internal/util/must"\n)|' "$WORK/internal/backends/sqlite/switchboard_pushdown.go"
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
# Patch: an update wrote every modified document in a SQLite transaction of its own, so an updateMany of
# 100 callbacks waited for 100 WAL syncs (FerretDB's TODO #2612). Modified documents are now written in one
# transaction per 1,000 (and whatever was modified before an error is still written, as it was before).
COMMON="$WORK/internal/handler/common/update.go"
SIG='func UpdateDocument(ctx context.Context, c backends.Collection, cmd string, iter types.DocumentsIterator, param *Update) (*UpdateResult, error) {'
ONE='			_, err := c.UpdateAll(ctx, \&backends.UpdateAllParams{Docs: \[\]\*types.Document{doc}})'
grep -qF "$SIG" "$COMMON" && [[ $(grep -c "^$ONE$" "$COMMON") == 1 ]] || { echo "[ferretdb] patch target not found in $COMMON" >&2; exit 3; }
sed -i "s/^func UpdateDocument(ctx context.Context, c backends.Collection, /func updateDocumentBatched(ctx context.Context, c backends.Collection, batch *updateBatch, /" "$COMMON"
sed -i "s/^$ONE$/			err := batch.add(ctx, doc)/" "$COMMON"
grep -q "^			err := batch.add(ctx, doc)$" "$COMMON" || { echo "[ferretdb] patch did not apply to $COMMON" >&2; exit 3; }
cat > "$WORK/internal/handler/common/switchboard_update_batch.go" <<'GO'
package common

import (
	"context"

	"github.com/FerretDB/FerretDB/internal/backends"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
)

// updateBatch gathers an update's modified documents and writes them in one transaction per 1,000
// (added by Switchboard's build: one transaction per document cost a WAL sync each).
type updateBatch struct {
	c    backends.Collection
	docs []*types.Document
}

func (b *updateBatch) add(ctx context.Context, doc *types.Document) error {
	b.docs = append(b.docs, doc)
	if len(b.docs) >= 1000 {
		return b.flush(ctx)
	}
	return nil
}

func (b *updateBatch) flush(ctx context.Context) error {
	if len(b.docs) == 0 {
		return nil
	}
	docs := b.docs
	b.docs = nil
	if _, err := b.c.UpdateAll(ctx, &backends.UpdateAllParams{Docs: docs}); err != nil {
		return lazyerrors.Error(err)
	}
	return nil
}

// UpdateDocument iterates through documents from iter and updates them based on param; see updateDocumentBatched.
func UpdateDocument(ctx context.Context, c backends.Collection, cmd string, iter types.DocumentsIterator, param *Update) (*UpdateResult, error) { //nolint:lll // for readability
	batch := &updateBatch{c: c}
	result, err := updateDocumentBatched(ctx, c, batch, cmd, iter, param)
	if flushErr := batch.flush(ctx); flushErr != nil && err == nil {
		return nil, flushErr
	}
	return result, err
}
GO
# Query: after the _id pushdown, before the clause is used. Explain: the same, and it reports the pushdown.
QUERY_AT='	q += whereClause'
EXPLAIN_AT='	orderByClause := prepareOrderByClause(params.Sort)'
[[ $(grep -c "^$QUERY_AT$" "$COLL") == 1 && $(grep -c "^$EXPLAIN_AT$" "$COLL") == 1 ]] || { echo "[ferretdb] patch target not found in $COLL" >&2; exit 3; }
awk -v q="$QUERY_AT" -v e="$EXPLAIN_AT" '
  $0 == q || $0 == e {
    print "\tif whereClause == \"\" {"
    print "\t\tif clause, fieldArgs := fieldsClause(params.Filter); clause != \"\" {"
    if ($0 == e) print "\t\t\tfilterPushdown = true"
    print "\t\t\twhereClause, args = clause, fieldArgs"
    print "\t\t}"
    print "\t}"
  }
  { print }' "$COLL" > "$COLL.new" && mv "$COLL.new" "$COLL"
# Patch: every document and array iterator was registered in a pprof profile with a finalizer, to find leaks
# in FerretDB's own tests; a quarter of a millisecond per decoded document went there. Release builds skip it.
RES="$WORK/internal/util/resource/resource.go"
[[ $(grep -cE '^func (Track|Untrack)\(obj any, token \*Token\) \{$' "$RES") == 2 ]] || { echo "[ferretdb] patch target not found in $RES" >&2; exit 3; }
sed -i -E 's/^func (Track|Untrack)\(obj any, token \*Token\) \{$/&\n\tif !debugbuild.Enabled {\n\t\treturn\n\t}\n/' "$RES"
# Patch: a delete passed every matched id as one SQL variable, so a deleteMany of more than 32,766 documents
# (a day of CTI events past retention) failed with "too many SQL variables". Deletes now go 1,000 ids at a time.
DEL_SIG='func (c *collection) DeleteAll(ctx context.Context, params *backends.DeleteAllParams) (*backends.DeleteAllResult, error) {'
[[ $(grep -cF "$DEL_SIG" "$COLL") == 1 ]] || { echo "[ferretdb] patch target not found in $COLL" >&2; exit 3; }
sed -i 's/^func (c \*collection) DeleteAll(ctx context.Context, params \*backends.DeleteAllParams)/func (c *collection) deleteAllOnce(ctx context.Context, params *backends.DeleteAllParams)/' "$COLL"
cat > "$WORK/internal/backends/sqlite/switchboard_delete.go" <<'GO'
package sqlite

import (
	"context"

	"github.com/FerretDB/FerretDB/internal/backends"
)

// DeleteAll implements backends.Collection interface: deleteAllOnce for every 1,000 ids (added by Switchboard's build).
func (c *collection) DeleteAll(ctx context.Context, params *backends.DeleteAllParams) (*backends.DeleteAllResult, error) {
	const chunk = 1000
	total := new(backends.DeleteAllResult)
	for from := 0; from < max(len(params.IDs), len(params.RecordIDs)) || from == 0; from += chunk {
		part := new(backends.DeleteAllParams)
		if params.RecordIDs == nil {
			part.IDs = params.IDs[from:min(from+chunk, len(params.IDs))]
		} else {
			part.RecordIDs = params.RecordIDs[from:min(from+chunk, len(params.RecordIDs))]
		}
		res, err := c.deleteAllOnce(ctx, part)
		if err != nil {
			return nil, err
		}
		total.Deleted += res.Deleted
	}
	return total, nil
}
GO
# Patch: every document read decoded its own schema (the `$s` field, as long as the data) by reflection, though
# documents of one collection mostly share a handful of schemas. Decoded schemas are now kept, by their JSON text,
# up to 4,096 of them; they are only ever read after decoding.
SJSON="$WORK/internal/handler/sjson/sjson.go"
[[ $(grep -c '^func Unmarshal(data \[\]byte) (\*types.Document, error) {$' "$SJSON") == 1 ]] || { echo "[ferretdb] patch target not found in $SJSON" >&2; exit 3; }
sed -i 's/^func Unmarshal(data \[\]byte) (\*types.Document, error) {$/func unmarshalEverySchema(data []byte) (*types.Document, error) {/' "$SJSON"
cat > "$WORK/internal/handler/sjson/switchboard_schemas.go" <<'GO'
package sjson

import (
	"bytes"
	"encoding/json"
	"sync"

	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/lazyerrors"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

// schemas holds decoded document schemas by their JSON text (added by Switchboard's build).
var schemas = struct {
	sync.RWMutex
	m map[string]*schema
}{m: map[string]*schema{}}

func schemaOf(jsch []byte) (*schema, error) {
	schemas.RLock()
	sch, ok := schemas.m[string(jsch)]
	schemas.RUnlock()
	if ok {
		return sch, nil
	}

	sch = new(schema)
	r := bytes.NewReader(jsch)
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(sch); err != nil {
		return nil, lazyerrors.Error(err)
	}
	if err := checkConsumed(dec, r); err != nil {
		return nil, lazyerrors.Error(err)
	}

	schemas.Lock()
	if len(schemas.m) >= 4096 {
		clear(schemas.m)
	}
	schemas.m[string(jsch)] = sch
	schemas.Unlock()
	return sch, nil
}

// Unmarshal decodes the top-level document as unmarshalEverySchema does, with its schema from schemaOf (and
// unmarshalEverySchema itself for anything splitObject does not take).
func Unmarshal(data []byte) (*types.Document, error) {
	var v map[string]json.RawMessage
	if !splitObject(data, &v) {
		return unmarshalEverySchema(data)
	}

	jsch, ok := v["$s"]
	if !ok {
		return nil, lazyerrors.Errorf("schema is not set")
	}
	sch, err := schemaOf(jsch)
	if err != nil {
		return nil, lazyerrors.Error(err)
	}
	delete(v, "$s")

	if len(sch.Keys) != len(v) {
		return nil, lazyerrors.Errorf(
			"sjson.Unmarshal: the data must have the same number of schema keys and document fields (keys: %d, fields: %d)",
			len(sch.Keys), len(v),
		)
	}

	d := must.NotFail(types.NewDocument())
	for _, key := range sch.Keys {
		b, ok := v[key]
		if !ok {
			return nil, lazyerrors.Errorf("sjson.Unmarshal: missing key %q", key)
		}
		value, err := unmarshalSingleValue(b, sch.Properties[key])
		if err != nil {
			return nil, lazyerrors.Error(err)
		}
		d.Set(key, value)
	}
	return d, nil
}
GO
# Patch: encoding/json's reflection read every object, array and string of a document twice (once to find where
# it ends, once to decode it): most of a read's time. Objects and arrays of sjson are now split into their members
# by a plain scanner and strings without escapes are copied; anything unusual still goes to encoding/json, and
# each member is still decoded (and so checked) by its type's own decoder.
for F in document array string; do
  SRC="$WORK/internal/handler/sjson/$F.go"
  case $F in
    document) CALL='if err := dec.Decode(\&rawMessages); err != nil {' ;;
    array) CALL='if err := dec.Decode(\&rawMessages); err != nil {' ;;
    string) CALL='if err := dec.Decode(\&o); err != nil {' ;;
  esac
  [[ $(grep -c "^	$CALL\$" "$SRC") == 1 ]] || { echo "[ferretdb] patch target not found in $SRC" >&2; exit 3; }
  sed -i "s/^	if err := dec.Decode(&\(rawMessages\|o\)); err != nil {$/	if err := decodeFast(dec, r, data, \&\1); err != nil {/" "$SRC"
  grep -q "decodeFast(dec, r, data" "$SRC" || { echo "[ferretdb] patch did not apply to $SRC" >&2; exit 3; }
done
cat > "$WORK/internal/handler/sjson/switchboard_decode.go" <<'GO'
package sjson

import (
	"bytes"
	"encoding/json"
	"io"
	"unicode/utf8"
)

// decodeFast decodes data (also the contents of r) into v, a *map[string]json.RawMessage, *[]json.RawMessage or
// *string, without reflection when it can, and with dec otherwise. On success r is consumed, as dec would have done
// (added by Switchboard's build).
func decodeFast(dec *json.Decoder, r *bytes.Reader, data []byte, v any) error {
	var ok bool
	switch v := v.(type) {
	case *map[string]json.RawMessage:
		ok = splitObject(data, v)
	case *[]json.RawMessage:
		ok = splitArray(data, v)
	case *string:
		ok = plainString(data, v)
	}
	if !ok {
		return dec.Decode(v)
	}
	_, err := r.Seek(0, io.SeekEnd)
	return err
}

func plainString(data []byte, v *string) bool {
	if len(data) < 2 || data[0] != '"' || data[len(data)-1] != '"' {
		return false
	}
	inner := data[1 : len(data)-1]
	for _, c := range inner {
		if c == '\\' || c == '"' || c < 0x20 {
			return false
		}
	}
	if !utf8.Valid(inner) {
		return false
	}
	*v = string(inner)
	return true
}

func skipSpace(d []byte, i int) int {
	for i < len(d) && (d[i] == ' ' || d[i] == '\n' || d[i] == '\t' || d[i] == '\r') {
		i++
	}
	return i
}

// skipString returns the index after the string starting at d[i] ('"'), or -1.
func skipString(d []byte, i int) int {
	for i++; i < len(d); i++ {
		switch d[i] {
		case '\\':
			i++
		case '"':
			return i + 1
		}
	}
	return -1
}

// skipValue returns the index after the value starting at d[i], or -1. Nested values are only delimited here:
// their own decoders check them.
func skipValue(d []byte, i int) int {
	if i >= len(d) {
		return -1
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for i < len(d) {
			switch d[i] {
			case '"':
				if i = skipString(d, i); i < 0 {
					return -1
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return i + 1
				}
			}
			i++
		}
		return -1
	default:
		start := i
		for i < len(d) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(d[i])) {
			i++
		}
		if i == start {
			return -1
		}
		return i
	}
}

// members walks the object or array that d holds (between open and close), calling each with the index where a
// member starts; each returns the index after it, or -1. It reports whether d is exactly one such value.
func members(d []byte, open, close byte, each func(i int) int) bool {
	i := skipSpace(d, 0)
	if i >= len(d) || d[i] != open {
		return false
	}
	i = skipSpace(d, i+1)
	if i < len(d) && d[i] == close {
		return skipSpace(d, i+1) == len(d)
	}
	for {
		if i = each(i); i < 0 {
			return false
		}
		i = skipSpace(d, i)
		if i < len(d) && d[i] == ',' {
			i = skipSpace(d, i+1)
			continue
		}
		return i < len(d) && d[i] == close && skipSpace(d, i+1) == len(d)
	}
}

func splitObject(d []byte, v *map[string]json.RawMessage) bool {
	m := make(map[string]json.RawMessage)
	ok := members(d, '{', '}', func(i int) int {
		if i >= len(d) || d[i] != '"' {
			return -1
		}
		end := skipString(d, i)
		var key string
		if end < 0 || !plainString(d[i:end], &key) {
			return -1
		}
		if i = skipSpace(d, end); i >= len(d) || d[i] != ':' {
			return -1
		}
		i = skipSpace(d, i+1)
		if end = skipValue(d, i); end >= 0 {
			m[key] = d[i:end:end]
		}
		return end
	})
	if ok {
		*v = m
	}
	return ok
}

func splitArray(d []byte, v *[]json.RawMessage) bool {
	a := []json.RawMessage{}
	ok := members(d, '[', ']', func(i int) int {
		end := skipValue(d, i)
		if end >= 0 {
			a = append(a, d[i:end:end])
		}
		return end
	})
	if ok {
		*v = a
	}
	return ok
}
GO
cat > "$WORK/internal/handler/sjson/switchboard_decode_test.go" <<'GO'
package sjson

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The fast path takes a value only when it agrees with encoding/json (added by Switchboard's build).
func TestSwitchboardDecodeFastAgrees(t *testing.T) {
	objects := []string{
		`{}`, ` { } `, `{"a":1}`, `{"a":"x","b":[1,{"c":"]}"}],"d":{"e":null}}`, `{"key":"v\\\"al"}`,
		`{"한":"김민지", "e":"📞"}`, `{"a":1,"a":2}`, "{\n\t\"a\" : [ ] }",
	}
	for _, in := range objects {
		var fast, slow map[string]json.RawMessage
		if !splitObject([]byte(in), &fast) {
			t.Errorf("splitObject refused %s", in)
			continue
		}
		if err := json.Unmarshal([]byte(in), &slow); err != nil {
			t.Fatal(err)
		}
		if len(fast) != len(slow) {
			t.Errorf("%s: %d members, encoding/json %d", in, len(fast), len(slow))
		}
		for k, v := range slow {
			var a, b any
			_ = json.Unmarshal(v, &a)
			_ = json.Unmarshal(fast[k], &b)
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s: member %q is %s, encoding/json %s", in, k, fast[k], v)
			}
		}
	}
	for _, in := range []string{`[]`, `[1,"a,b",[2,3],{"x":"]"}]`, ` [ null , true ] `} {
		var fast, slow []json.RawMessage
		if !splitArray([]byte(in), &fast) || json.Unmarshal([]byte(in), &slow) != nil || len(fast) != len(slow) {
			t.Errorf("splitArray disagrees on %s", in)
		}
	}
	for _, in := range []string{``, `{`, `{"a"}`, `{"a":1,}`, `{"a":1]`, `{"a":1} x`, `[1,]`, `[1}`, `{"a":"x}`} {
		var m map[string]json.RawMessage
		var a []json.RawMessage
		if splitObject([]byte(in), &m) || splitArray([]byte(in), &a) {
			t.Errorf("fast path took malformed %q", in)
		}
	}
	// A key with an escape is left to encoding/json.
	var escaped map[string]json.RawMessage
	if splitObject([]byte(`{"k\"ey":1}`), &escaped) {
		t.Error("splitObject took an escaped key")
	}
	var s string
	for in, want := range map[string]bool{`"plain"`: true, `"김"`: true, `"a\"b"`: false, `"a\nb"`: false, `x`: false} {
		if plainString([]byte(in), &s) != want {
			t.Errorf("plainString(%s) should be %v", in, want)
		}
	}
}
GO
mkdir -p "$(dirname "$BIN")"
cd "$WORK"
echo "[ferretdb] go build ./cmd/ferretdb" >&2
if ! CGO_ENABLED=0 go build -trimpath -o "$BIN.tmp" ./cmd/ferretdb 2>"$CACHE/build.log"; then
  echo "[ferretdb] retrying with -checklinkname=0" >&2
  CGO_ENABLED=0 go build -trimpath -ldflags=-checklinkname=0 -o "$BIN.tmp" ./cmd/ferretdb
fi
# FerretDB's own tests of the code we patched (document decoding, updates) must still pass. Their helpers look for
# a .git directory to find the repository root.
echo "[ferretdb] go test (patched packages)" >&2
mkdir -p .git
if ! go test -count=1 ./internal/handler/sjson/ ./internal/handler/common/ >"$CACHE/test.log" 2>&1; then
  echo "[ferretdb] FerretDB's tests failed on our patches; see $CACHE/test.log" >&2; exit 3
fi
mv "$BIN.tmp" "$BIN"
rm -rf "$WORK"
echo "[ferretdb] built $BIN" >&2
echo "$BIN"
