package sqlite

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/FerretDB/FerretDB/internal/backends/sqlite/metadata"
	"github.com/FerretDB/FerretDB/internal/handler/sjson"
	"github.com/FerretDB/FerretDB/internal/types"
	"github.com/FerretDB/FerretDB/internal/util/must"
)

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
