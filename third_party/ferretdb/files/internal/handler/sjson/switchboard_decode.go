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
