package tomlkey

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// TestGenerated cross-checks the index with the decoder over documents built at random from
// every construct the scanner follows: the fuzzer seldom mutates its way to large documents
// the decoder accepts, and a generator writes nothing else.
func TestGenerated(t *testing.T) {
	n := 1000
	if testing.Short() {
		n = 100
	}
	for seed := range uint64(n) {
		g := &generator{r: rand.New(rand.NewPCG(seed, 1))}
		src := []byte(g.document())
		ix, err := Build(src)
		if err != nil {
			t.Fatalf("seed %d: Build: %v\n%s", seed, err, src)
		}
		if !checkDecoder(t, src, ix) {
			var m map[string]any
			_, err := toml.Decode(string(src), &m)
			t.Fatalf("seed %d: the generator wrote a document the decoder refuses: %v\n%s", seed, err, src)
		}
		checkIndex(t, src, ix)
		if t.Failed() {
			t.Fatalf("seed %d:\n%s", seed, src)
		}
	}
}

// generator writes a random valid TOML document.
type generator struct {
	r     *rand.Rand
	b     strings.Builder
	nl    string // line break: "\n" or "\r\n"
	names int    // names handed out, to keep them apart
}

// keys whose decoded names differ, written in the forms TOML allows; %d makes each unique.
var keyForms = []string{
	"k%d", "level%d", "%d", "k-%d_x", `"q%d"`, `"odd.key%d"`, `'lit key%d'`, `"tab\tkey%d"`,
	`"é%d"`, `"quo\"te%d"`, `"back\\slash%d"`, `"\u0041%d"`, `'dq"%d'`, `"hex\x41%d"`, `"esc\e%d"`,
	`"a [0] %d"`,
}

// name returns a key no other in the document has.
func (g *generator) name() string {
	g.names++
	return fmt.Sprintf(keyForms[g.r.IntN(len(keyForms))], g.names)
}

func (g *generator) pick(options ...string) string { return options[g.r.IntN(len(options))] }

func (g *generator) space() string { return g.pick("", " ", "  ", "\t") }

func (g *generator) lineEnd() {
	if g.r.IntN(4) == 0 {
		g.b.WriteString(g.space() + " # comment \"quoted\" [x] = 'y'")
	}
	g.b.WriteString(g.nl)
	if g.r.IntN(5) == 0 {
		g.b.WriteString(g.pick("", "  ", "# a comment line") + g.nl)
	}
}

func (g *generator) document() string {
	g.nl = g.pick("\n", "\r\n")
	if g.r.IntN(10) == 0 {
		g.b.WriteString("\xef\xbb\xbf")
	}
	g.pairs(3)
	for range g.r.IntN(5) {
		switch g.r.IntN(3) {
		case 0: // a table, perhaps a sub-table of it
			t := g.name()
			g.header("[", t, "]")
			g.pairs(3)
			if g.r.IntN(2) == 0 {
				g.header("[", t+g.space()+"."+g.space()+g.name(), "]")
				g.pairs(2)
			}
		default: // an array of tables, perhaps with arrays of tables in its tables
			a := g.name()
			sub := g.name()
			sub2 := g.name()
			for range 1 + g.r.IntN(3) {
				g.header("[[", a, "]]")
				g.pairs(3)
				for range g.r.IntN(3) {
					g.header("[[", a+"."+sub, "]]")
					g.pairs(2)
				}
				if g.r.IntN(3) == 0 {
					g.header("[", a+"."+sub2, "]")
					g.pairs(2)
				}
			}
		}
	}
	return g.b.String()
}

func (g *generator) header(open, name, closing string) {
	g.b.WriteString(g.pick("", " ") + open + g.space() + name + g.space() + closing)
	g.lineEnd()
}

// pairs writes up to n key/value pairs, some with dotted keys.
func (g *generator) pairs(n int) {
	for range g.r.IntN(n + 1) {
		g.b.WriteString(g.pick("", "  ", "\t"))
		g.key()
		g.b.WriteString(g.space() + "=" + g.space())
		g.value(0)
		g.lineEnd()
	}
}

func (g *generator) key() {
	g.b.WriteString(g.name())
	for range g.r.IntN(3) {
		g.b.WriteString(g.space() + "." + g.space() + g.name())
	}
}

func (g *generator) value(depth int) {
	kinds := 9
	if depth >= 3 {
		kinds = 7
	}
	switch g.r.IntN(kinds) {
	case 0:
		g.b.WriteString(g.pick("1", "-17", "+3.5e-2", "0xdead_beef", "0o17", "0b1", "inf", "-nan", "1_000"))
	case 1:
		g.b.WriteString(g.pick("true", "false", "1979-05-27", "07:32:00", "1979-05-27T07:32:00Z",
			"1979-05-27 07:32:00.5-07:00", "1979-05-27 07:32:00"))
	case 2:
		g.b.WriteString(g.pick(`""`, `"x"`, `"a \" # [b] = {c}"`, `"\\"`, `"\u00e9\t"`))
	case 3:
		g.b.WriteString(g.pick(`''`, `'x'`, `'a \ # [b] " = {c}'`))
	case 4:
		g.b.WriteString(g.pick(`"""`+g.nl+`multi "quoted" ""`+g.nl+`\"""`+g.nl+`"""`,
			`""""a"""""`, `""""""`, `"""a \`+g.nl+`   b"""`))
	case 5:
		g.b.WriteString(g.pick(`'''`+g.nl+`it's '' here`+g.nl+`'''`, `''''a'''''`, `''''''`))
	case 6:
		g.b.WriteString(g.pick("[]", "[ ]", "[1, 2]", "[\"a\", 'b',]"))
	case 7:
		g.array(depth + 1)
	case 8:
		g.inlineTable(depth + 1)
	}
}

func (g *generator) array(depth int) {
	g.b.WriteString("[")
	tables := g.r.IntN(2) == 0 // an array of inline tables
	n := g.r.IntN(4)
	for i := range n {
		g.b.WriteString(g.pick("", " ", g.nl+"  ", " # c"+g.nl))
		if tables {
			g.inlineTable(depth + 1)
		} else {
			g.value(depth)
		}
		if i < n-1 || g.r.IntN(2) == 0 {
			g.b.WriteString(g.space() + ",")
		}
	}
	g.b.WriteString(g.pick("", " ", g.nl) + "]")
}

func (g *generator) inlineTable(depth int) {
	g.b.WriteString("{")
	n := g.r.IntN(4)
	for i := range n {
		g.b.WriteString(g.pick(" ", "", g.nl+"  "))
		g.key()
		g.b.WriteString(g.space() + "=" + g.space())
		g.value(depth)
		if i < n-1 || g.r.IntN(3) == 0 {
			g.b.WriteString(g.space() + ",")
		}
	}
	g.b.WriteString(g.pick(" ", "", g.nl) + "}")
}
