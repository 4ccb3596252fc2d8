package geojson

import (
	"strconv"

	orbjson "github.com/paulmach/orb/geojson"
)

func strconvParse(s string) (float64, error) { return strconv.ParseFloat(s, 64) }

func orbUnmarshal(data []byte) (*orbjson.FeatureCollection, error) {
	return orbjson.UnmarshalFeatureCollection(data)
}
