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
