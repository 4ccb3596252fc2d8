package tomlkey

import (
	"bytes"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// offset returns the byte offset of pos in src, if pos stands on a byte of src.
func offset(src []byte, pos Pos) (int, bool) {
	start := 0
	for _, bom := range []string{"\xef\xbb\xbf", "\xff\xfe", "\xfe\xff"} {
		if bytes.HasPrefix(src, []byte(bom)) {
			start = len(bom)
			break
		}
	}
	for line := 1; line < pos.Line; line++ {
		i := bytes.IndexByte(src[start:], '\n')
		if i < 0 {
			return 0, false
		}
		start += i + 1
	}
	off := start + pos.Col - 1
	if pos.Line < 1 || pos.Col < 1 || off >= len(src) || bytes.IndexByte(src[start:off], '\n') >= 0 {
		return 0, false
	}
	return off, true
}

// keyAt returns the name of the key written at src[off:]: a bare key, a literal one, or a
// basic one, which the decoder itself unescapes. ok is false when no key stands there;
// known is false when the decoder refuses a basic key's escapes, and so has no name for it.
func keyAt(src []byte, off int) (name string, ok, known bool) {
	rest := src[off:]
	switch rest[0] {
	case '\'':
		end := bytes.IndexAny(rest[1:], "'\n")
		if end < 0 || rest[1+end] != '\'' {
			return "", false, false
		}
		return string(rest[1 : 1+end]), true, true
	case '"':
		for i := 1; i < len(rest) && rest[i] != '\n'; i++ {
			switch rest[i] {
			case '\\':
				i++
			case '"':
				var m map[string]any
				if _, err := toml.Decode(string(rest[:i+1])+" = 0", &m); err != nil || len(m) != 1 {
					return "", true, false
				}
				for k := range m {
					return k, true, true
				}
			}
		}
		return "", false, false
	}
	n := 0
	for n < len(rest) && isBare(rest[n]) {
		n++
	}
	return string(rest[:n]), n > 0, n > 0
}

// checkIndex checks that every entry of ix points into src: a key where a key of the path's
// last name stands, a value where a value can start.
func checkIndex(t *testing.T, src []byte, ix *Index) {
	t.Helper()
	for _, e := range ix.entries {
		koff, kok := offset(src, e.key)
		voff, vok := offset(src, e.value)
		if !kok || !vok {
			t.Errorf("%s: key %v or value %v is not in the input", e.path, e.key, e.value)
			continue
		}
		if c := src[voff]; !strings.ContainsRune(`"'[{`, rune(c)) && !isScalar(c) {
			t.Errorf("%s: value %v starts with %q", e.path, e.value, c)
		}
		if e.kind == element {
			if koff != voff {
				t.Errorf("%s: element's key %v is not its value %v", e.path, e.key, e.value)
			}
			continue
		}
		name, ok, known := keyAt(src, koff)
		if !ok {
			t.Errorf("%s: no key at %v", e.path, e.key)
			continue
		}
		if !known {
			continue
		}
		p := e.path
		for strings.HasSuffix(p, "]") {
			p = p[:strings.LastIndexByte(p, '[')]
		}
		if !strings.HasSuffix(p, quote(name)) {
			t.Errorf("%s: key %v is %q", e.path, e.key, name)
		}
	}
}

// decodes reports whether the decoder accepts src.
func decodes(src []byte) bool {
	var m map[string]any
	_, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&m)
	return err == nil
}

// checkDecoder decodes src with BurntSushi/toml and, if it decodes, checks that ix lists the
// places of the keys the decoder's MetaData.Keys reports, in the same order, each at a key of
// the reported name. It reports whether src decodes.
func checkDecoder(t *testing.T, src []byte, ix *Index) bool {
	t.Helper()
	var m map[string]any
	md, err := toml.NewDecoder(bytes.NewReader(src)).Decode(&m)
	if err != nil {
		return false
	}
	seen := map[string]int{}
	paths := map[string]bool{}
	prev := -1
	for _, k := range md.Keys() {
		s := k.String()
		n := seen[s]
		seen[s]++
		i, ok := ix.nth(s, n)
		if !ok {
			t.Errorf("no place %d of key %q", n, s)
			continue
		}
		if i <= prev {
			t.Errorf("place %d of key %q is out of the decoder's order", n, s)
		}
		prev = i
		pos, _ := ix.Nth(s, n)
		off, ok := offset(src, pos)
		if !ok {
			t.Errorf("place %d of key %q, %v, is not in the input", n, s, pos)
			continue
		}
		if name, _, known := keyAt(src, off); !known || name != k[len(k)-1] {
			t.Errorf("place %d of key %q, %v, holds key %q, not %q", n, s, pos, name, k[len(k)-1])
		}
		// In a document the decoder accepts, each place has a path of its own, but for a
		// quirk of the decoder: it lets a."" = [] be assigned again.
		full, _ := ix.Indexed(s, n)
		if plain(full) != s {
			t.Errorf("place %d of key %q has path %q", n, s, full)
		}
		again := paths[full] && strings.HasSuffix(full, `""`)
		paths[full] = true
		if kp, ok := ix.Key(full); !again && (!ok || kp != pos) {
			t.Errorf("place %d of key %q is at %v, but its path %q leads to %v", n, s, pos, full, kp)
		}
	}
	for p, list := range ix.byPlain {
		if len(list) != seen[p] {
			t.Errorf("index has %d places of %q; the decoder reports %d", len(list), p, seen[p])
		}
	}
	return true
}

// plain returns path without its array indices.
func plain(path string) string {
	var b strings.Builder
	quoted := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case quoted && c == '\\':
			b.WriteByte(c)
			i++
			c = path[i]
		case c == '"':
			quoted = !quoted
		case !quoted && c == '[':
			i += strings.IndexByte(path[i:], ']')
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}
