#!/usr/bin/env bash
# Geometry benchmark: the same job — read the national boundary file, simplify it for one
# 800 px national map, write the map as SVG — done by NTM Atlas's engine and by mapshaper,
# side by side in one run, with wall time, peak RSS, output bytes and topology quality for
# both, and their ratios.
#
# Usage: bench/geometry.sh [WARDS.geojson.gz] [RUNS]
#   default input: ../shared/data/vietnam/wards-2025.geojson.gz (3,321 units, 6.94 M vertices)
#   RUNS: timed runs of each tool, alternating (default 3); the median wall time is reported.
# Needs: go, node and npm (mapshaper@0.7.70 is installed into a scratch folder unless
# MAPSHAPER_DIR holds it), GNU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
in_gz=${1:-$root/../shared/data/vietnam/wards-2025.geojson.gz}
runs=${2:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

echo "input: $in_gz"
# Both tools read the same decompressed file: gunzip is not part of the job.
gunzip -c "$in_gz" > in.geojson
(cd "$root" && go build -o "$work/atlas" ./cmd/atlas)
# MAPSHAPER_DIR names a folder where mapshaper@0.7.70 is installed already (npm install
# --prefix DIR mapshaper@0.7.70); otherwise it is installed into the scratch folder.
ms_dir=${MAPSHAPER_DIR:-$work/ms}
if [ ! -f "$ms_dir/node_modules/mapshaper/bin/mapshaper" ]; then
  npm install --prefix "$ms_dir" --no-audit --no-fund --silent mapshaper@0.7.70 >/dev/null
fi
ms=(node "$ms_dir/node_modules/mapshaper/bin/mapshaper")

# mapshaper's job as its users run it, and its result as GeoJSON to judge it (untimed).
ms_job=("${ms[@]}" in.geojson -simplify 10% keep-shapes -o ms.svg)
"${ms[@]}" in.geojson -simplify 10% keep-shapes -o format=geojson ms.geojson 2> ms.log
ms_left=$(grep -o '[0-9]* intersections could not be repaired' ms.log | grep -o '^[0-9]*' || echo 0)

# Judge mapshaper's output on the atlas's grid (0.01 px, mapshaper's two SVG decimals): its
# vertex count sets the atlas's target, so both maps keep the same number of vertices.
"$work/atlas" map -check -precision 100 -keep 0.1 -compare ms.geojson in.geojson > judge.txt
ms_vertices=$(sed -n 's/^compared:.* \([0-9]*\) vertices,.*/\1/p' judge.txt)
ms_lost=$(sed -n 's/^compared:.* \([0-9]*\) units lost,.*/\1/p' judge.txt)
ms_invalid=$(sed -n 's/^compared:.* \([0-9]*\) invalid features,.*/\1/p' judge.txt)
ms_disagree=$(sed -n 's/^compared:.* \([0-9]*\) disagreeing border segments.*/\1/p' judge.txt)
# The atlas snaps nearly shared borders together first (-snap 1, its default); the last
# column shows it without (-snap 0).
at_job=("$work/atlas" map -precision 100 -vertices "$ms_vertices" -o atlas.svg in.geojson)
sn_job=("$work/atlas" map -snap 0 -precision 100 -vertices "$ms_vertices" -o snap.svg in.geojson)

# seconds and peak RSS (KB) of one run, from GNU time
measure() {
  local out=$1; shift
  /usr/bin/time -v "$@" > /dev/null 2> "$out"
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }
              /Maximum resident set size/ { print $2 }' "$out" | paste -sd' '
}
at_times=(); ms_times=(); sn_times=(); at_rss=0; ms_rss=0; sn_rss=0
for i in $(seq "$runs"); do
  read -r s kb < <(measure at.time "${at_job[@]}"); at_times+=("$s"); at_rss=$(( kb > at_rss ? kb : at_rss ))
  read -r s kb < <(measure ms.time "${ms_job[@]}"); ms_times+=("$s"); ms_rss=$(( kb > ms_rss ? kb : ms_rss ))
  read -r s kb < <(measure sn.time "${sn_job[@]}"); sn_times+=("$s"); sn_rss=$(( kb > sn_rss ? kb : sn_rss ))
done
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
at_wall=$(median "${at_times[@]}"); ms_wall=$(median "${ms_times[@]}"); sn_wall=$(median "${sn_times[@]}")

# The atlas's quality at the same setting (untimed).
"$work/atlas" map -check -precision 100 -vertices "$ms_vertices" in.geojson > atlas-check.txt
at_vertices=$(sed -n 's/^simplify: *\([0-9]*\) vertices kept.*/\1/p' atlas-check.txt)
at_left=$(sed -n 's/^simplify:.* \([0-9]*\) left.*/\1/p' atlas-check.txt)
at_lost=$(sed -n 's/^quality: *\([0-9]*\) units lost.*/\1/p' atlas-check.txt)
at_invalid=$(sed -n 's/^quality:.* \([0-9]*\) invalid features.*/\1/p' atlas-check.txt)
at_disagree=$(sed -n 's/^quality:.* \([0-9]*\) disagreeing border segments.*/\1/p' atlas-check.txt)
at_bytes=$(stat -c %s atlas.svg); ms_bytes=$(stat -c %s ms.svg); sn_bytes=$(stat -c %s snap.svg)
"$work/atlas" map -check -snap 0 -precision 100 -vertices "$ms_vertices" in.geojson > snap-check.txt
sn_vertices=$(sed -n 's/^simplify: *\([0-9]*\) vertices kept.*/\1/p' snap-check.txt)
sn_left=$(sed -n 's/^simplify:.* \([0-9]*\) left.*/\1/p' snap-check.txt)
sn_lost=$(sed -n 's/^quality: *\([0-9]*\) units lost.*/\1/p' snap-check.txt)
sn_invalid=$(sed -n 's/^quality:.* \([0-9]*\) invalid features.*/\1/p' snap-check.txt)
sn_disagree=$(sed -n 's/^quality:.* \([0-9]*\) disagreeing border segments.*/\1/p' snap-check.txt)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
echo
echo "job: read, simplify to one 800 px national map, write SVG; $runs runs each, median wall time"
row() { printf '%-28s %12s %12s %8s %14s %8s\n' "$@"; }
row "" "atlas" "mapshaper" "ratio" "atlas -snap 0" "ratio"
row "wall time (s)" "$at_wall" "$ms_wall" "$(ratio "$at_wall" "$ms_wall")" "$sn_wall" "$(ratio "$sn_wall" "$ms_wall")"
row "peak RSS (MB)" "$((at_rss / 1024))" "$((ms_rss / 1024))" "$(ratio "$at_rss" "$ms_rss")" "$((sn_rss / 1024))" "$(ratio "$sn_rss" "$ms_rss")"
row "SVG bytes" "$at_bytes" "$ms_bytes" "$(ratio "$at_bytes" "$ms_bytes")" "$sn_bytes" "$(ratio "$sn_bytes" "$ms_bytes")"
row "vertices kept" "$at_vertices" "$ms_vertices" "$(ratio "$at_vertices" "$ms_vertices")" "$sn_vertices" "$(ratio "$sn_vertices" "$ms_vertices")"
row "SVG bytes per vertex" "$(ratio "$at_bytes" "$at_vertices")" "$(ratio "$ms_bytes" "$ms_vertices")" "" "$(ratio "$sn_bytes" "$sn_vertices")" ""
row "units lost" "$at_lost" "$ms_lost" "" "$sn_lost" ""
row "invalid features" "$at_invalid" "$ms_invalid" "" "$sn_invalid" ""
row "disagreeing border segments" "$at_disagree" "$ms_disagree" "" "$sn_disagree" ""
row "crossings left (own count)" "$at_left" "$ms_left" "" "$sn_left" ""
echo
echo "Disagreeing border segments are counted by the atlas on a 0.01 px grid for both maps"
echo "(atlas map -check, -compare): a segment one unit draws and its neighbour does not."
echo "Invalid features are units whose shape on that grid is not a valid OGC MultiPolygon"
echo "(topo.Validate, GEOS's rules: no ring touching or crossing itself, holes inside, ...)."
