package build

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/carto"
)

// cards draws share cards through the geometry cache: a card whose inputs — the map's paths,
// the units' classes, the texts, the card's layout and fonts (card.Version) — are those of a
// card drawn before is read from the cache, not drawn and compressed again. It is safe for
// concurrent use, as render draws several cards at a time.
type cards struct {
	g     *geometry
	drawn atomic.Int64 // cards drawn by this build, not read from the cache

	mu   sync.Mutex
	maps map[*carto.Map]string // each map's hash, computed once for its many cards
}

// drawnCards keeps the cards that builds without a cache folder drew, by key, for the life
// of the process: such builds are tests and benchmarks that build the same site many times,
// and compressing a card is what costs (most of a second each).
var drawnCards sync.Map

func newCards(g *geometry) *cards { return &cards{g: g, maps: map[*carto.Map]string{}} }

// draw returns c's PNG, from the cache when it has it.
func (cs *cards) draw(c *card.Card) ([]byte, error) {
	parts := []string{geometryVersion, card.Version, "card", cs.mapHash(c.Map), c.Focus, c.Site, c.Title, c.Subtitle, c.Status, c.StatusClass, c.Status2, c.Footer}
	if c.Map != nil {
		for _, sh := range c.Map.Shapes {
			parts = append(parts, sh.Code, c.Classes[sh.Code])
		}
	}
	key := "c-" + hashOf(parts...)
	var b []byte
	if cs.g.load(key, &b) {
		return b, nil
	}
	if v, ok := drawnCards.Load(key); ok && cs.g.dir == "" {
		return v.([]byte), nil
	}
	if cs.g.readOnly {
		// atlas check writes nothing, so it needs no image: drawing a card cannot fail
		// on content, and compressing the cards would make check as slow as a cold build.
		return nil, nil
	}
	b, err := card.PNG(c)
	if err != nil {
		return nil, err
	}
	cs.drawn.Add(1)
	cs.g.save(key, b)
	if cs.g.dir == "" {
		drawnCards.Store(key, b)
	}
	return b, nil
}

// mapHash hashes what of m a card draws: its size and its shapes' codes and paths.
func (cs *cards) mapHash(m *carto.Map) string {
	if m == nil {
		return ""
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if h, ok := cs.maps[m]; ok {
		return h
	}
	parts := []string{strconv.Itoa(m.Width), strconv.Itoa(m.Height)}
	for _, sh := range m.Shapes {
		parts = append(parts, sh.Code, sh.Path)
	}
	h := hashOf(parts...)
	cs.maps[m] = h
	return h
}
