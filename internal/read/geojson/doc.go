// Package geojson is a fast streaming decoder of GeoJSON FeatureCollections of Polygon and MultiPolygon features into orb types.
package geojson
