package cache

import (
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/ntm-atlas/atlas/internal/card"
	"github.com/ntm-atlas/atlas/internal/carto"
)

// Cards draws share cards through the cache: a card whose inputs — the map's paths, the
// units' classes, the texts, the card's layout and fonts (card.Version) — are those of a card
// drawn before is read from the cache, not drawn and compressed again (most of a second
// each). It is safe for concurrent use, as render draws several cards at a time.
type Cards struct {
	c     *Cache
	drawn atomic.Int64 // cards drawn, not read from the cache

	mu   sync.Mutex
	maps map[*carto.Map]string // each map's hash, computed once for its many cards
}

// Cards returns a drawer of share cards that keeps them in c.
func (c *Cache) Cards() *Cards { return &Cards{c: c, maps: map[*carto.Map]string{}} }

// Draw returns the PNG of cd, from the cache when it has it. A read-only cache (atlas check)
// draws nothing and returns no image: drawing a card cannot fail on content, and compressing
// the cards would make check as slow as a cold build.
func (cs *Cards) Draw(cd *card.Card) ([]byte, error) {
	parts := []string{geometryVersion, card.Version, "card", cs.mapHash(cd.Map), cd.Focus, cd.Site, cd.Title, cd.Subtitle, cd.Status, cd.StatusClass, cd.Status2, cd.Footer}
	if cd.Map != nil {
		for _, sh := range cd.Map.Shapes {
			parts = append(parts, sh.Code, cd.Classes[sh.Code])
		}
	}
	key := "c-" + Key(parts...)
	var b []byte
	if cs.c.Load(key, &b) {
		return b, nil
	}
	if cs.c != nil && cs.c.readOnly {
		return nil, nil
	}
	b, err := card.PNG(cd)
	if err != nil {
		return nil, err
	}
	cs.drawn.Add(1)
	cs.c.Save(key, b)
	return b, nil
}

// Drawn counts the cards drawn, not read from the cache.
func (cs *Cards) Drawn() int { return int(cs.drawn.Load()) }

// mapHash hashes what of m a card draws: its size and its shapes' codes and paths.
func (cs *Cards) mapHash(m *carto.Map) string {
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
	h := Key(parts...)
	cs.maps[m] = h
	return h
}
