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
