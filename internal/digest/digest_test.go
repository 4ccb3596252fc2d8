package digest

import (
	"bytes"
	"encoding/json"
	"errors"
	"html/template"
	"testing"
	"time"
)

type inner struct{ A, B string }

type page struct {
	Title  string
	Count  int
	Ratio  float64
	Yes    bool
	Parts  []inner
	ByCode map[string]int
	Ptr    *inner
	Any    any
	HTML   template.HTML
	When   time.Time
	Skip   string `json:"-"`
	hidden string
	inner
}

func enc(t *testing.T, v any) []byte {
	t.Helper()
	b, err := Append(nil, v)
	if err != nil {
		t.Fatalf("Append(%#v): %v", v, err)
	}
	return b
}

func base() page {
	return page{Title: "Chiềng An", Count: 3, Ratio: 0.5, Yes: true,
		Parts:  []inner{{"a", "b"}, {"c", ""}},
		ByCode: map[string]int{"03664": 1, "00004": 2, "14": 3},
		Ptr:    &inner{"x", "y"}, Any: []string{"p"}, HTML: "<b>x</b>",
		When: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), inner: inner{"e", "f"}}
}

// TestSameData checks that values whose data is the same give the same bytes, and that
// what encoding/json leaves out is left out: unexported fields, fields tagged "-".
func TestSameData(t *testing.T) {
	a, b := base(), base()
	b.Skip, b.hidden = "other", "other"
	b.ByCode = map[string]int{"14": 3, "00004": 2, "03664": 1} // another insertion order
	b.Ptr = &inner{"x", "y"}                                   // another pointer, same data
	if !bytes.Equal(enc(t, a), enc(t, b)) {
		t.Error("same data, different digest")
	}
	if !bytes.Equal(enc(t, a), enc(t, &a)) {
		t.Error("a value and a pointer to it differ")
	}
}

// TestDifferentData checks that a change of any data JSON writes changes the bytes, and so
// do changes JSON's text would blur (a string's boundary, nil against empty).
func TestDifferentData(t *testing.T) {
	want := enc(t, base())
	for name, change := range map[string]func(*page){
		"title":          func(p *page) { p.Title = "Chiềng Ân" },
		"count":          func(p *page) { p.Count = 4 },
		"ratio":          func(p *page) { p.Ratio = 0.25 },
		"bool":           func(p *page) { p.Yes = false },
		"list item":      func(p *page) { p.Parts[1].B = "d" },
		"list length":    func(p *page) { p.Parts = p.Parts[:1] },
		"string split":   func(p *page) { p.Parts[0] = inner{"ab", ""} },
		"map value":      func(p *page) { p.ByCode["14"] = 4 },
		"map key":        func(p *page) { delete(p.ByCode, "14"); p.ByCode["15"] = 3 },
		"pointer target": func(p *page) { p.Ptr.B = "z" },
		"nil pointer":    func(p *page) { p.Ptr = nil },
		"interface":      func(p *page) { p.Any = []string{"q"} },
		"nil slice":      func(p *page) { p.Any = []string(nil) },
		"html":           func(p *page) { p.HTML = "<i>x</i>" },
		"time":           func(p *page) { p.When = p.When.AddDate(0, 0, 1) },
		"embedded":       func(p *page) { p.inner.A = "g" },
	} {
		p := base()
		p.Parts = append([]inner(nil), p.Parts...)
		p.ByCode = map[string]int{"03664": 1, "00004": 2, "14": 3}
		p.Ptr = &inner{"x", "y"}
		change(&p)
		if bytes.Equal(enc(t, p), want) {
			t.Errorf("%s: changed data, same digest", name)
		}
	}
}

// TestUnsupported checks that what JSON cannot write is an error here too.
func TestUnsupported(t *testing.T) {
	type loop struct{ Next *loop }
	l := &loop{}
	l.Next = l
	for name, v := range map[string]any{
		"func":    struct{ F func() }{},
		"channel": struct{ C chan int }{},
		"cycle":   l,
	} {
		if _, err := Append(nil, v); !errors.Is(err, ErrUnsupported) {
			t.Errorf("%s: error %v, want ErrUnsupported", name, err)
		}
		if _, err := json.Marshal(v); err == nil {
			t.Errorf("%s: encoding/json writes it; the digest should too", name)
		}
	}
}

func BenchmarkDigest(b *testing.B) {
	p := base()
	for range 200 {
		p.Parts = append(p.Parts, inner{"Xã Chiềng Cọ, Thành phố Sơn La", "đạt chuẩn nông thôn mới năm 2019 <a>"})
	}
	b.Run("digest", func(b *testing.B) {
		var buf []byte
		for b.Loop() {
			buf, _ = Append(buf[:0], p)
		}
	})
	b.Run("json", func(b *testing.B) {
		var buf bytes.Buffer
		for b.Loop() {
			buf.Reset()
			json.NewEncoder(&buf).Encode(p)
		}
	})
}
