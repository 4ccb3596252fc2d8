#!/usr/bin/env bash
# National-scale benchmark: a seeded, fully populated whole-country site (the default
# content's 3,321 units and 10,050 former units, recognitions for ~60 % of the former units,
# 2,000 stories) built by NTM Atlas cold, warm, after one status-file edit and after one story
# edit, and the same for half the country; `atlas serve`'s save → reload time for the same two
# edits (bench/reload); beside it Hugo v0.165.0 building one page per unit, former unit and
# story of the same sites, in one run. Prints the table of docs/performance.md with ratios,
# wall time and CPU time (user + system) side by side, then where the output's bytes are.
#
# Usage: bench/national.sh [SEED]
# Needs: go, GNU time. Hugo is taken from $HUGO when set, otherwise installed with
# `go install github.com/gohugoio/hugo@v0.165.0` into a scratch GOBIN (a few minutes the
# first time; the module cache keeps it).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seed=${1:-1}
work=${BENCH_DIR:-$(mktemp -d)}
[ -n "${BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT
mkdir -p "$work"
cd "$work"

(cd "$root" && go build -o "$work/atlas" ./cmd/atlas && go build -o "$work/generate" ./bench/benchsite/generate &&
  go build -o "$work/reload" ./bench/reload)
hugo=${HUGO:-}
if [ -z "$hugo" ]; then
  GOBIN="$work/bin" go install github.com/gohugoio/hugo@v0.165.0
  hugo=$work/bin/hugo
fi
echo "hugo: $("$hugo" version | cut -d' ' -f1-2)"

rm -rf full full-hugo half half-hugo
"$work/generate" -from "$root" -out full -hugo full-hugo -seed "$seed" | sed 's/^/whole country: /'
"$work/generate" -from "$root" -out half -hugo half-hugo -seed "$seed" -provinces 17 | sed 's/^/half: /'

# measure LABEL CMD...: runs CMD, records "seconds peak-RSS-KB user-s sys-s" in LABEL.t
measure() {
  local label=$1; shift
  /usr/bin/time -f '%e %M %U %S' -o "$label.t" "$@" > "$label.log" 2>&1 || {
    echo "$label failed:"; tail -5 "$label.log"; exit 1; }
}
secs() { cut -d' ' -f1 "$1.t"; }
cpu() { awk '{printf "%.2f", $3+$4}' "$1.t"; }
mb() { awk '{printf "%.2f", $2/1048576}' "$1.t"; }
pages() { find "$1" -name '*.html' | wc -l; }
files() { find "$1" -type f | wc -l; }
outmb() { find "$1" -type f -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s/1e6}'; }
mspp() { awk -v s="$1" -v p="$2" 'BEGIN{printf "%.3f", s*1000/p}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a/b}'; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# NTM Atlas: cold (no cache, no previous output), warm (nothing changed), one edit.
for s in full half; do
  rm -rf "$s/.cache" "$s/public"
  measure "$s-cold" "$work/atlas" build -s "$s"
  measure "$s-warm" "$work/atlas" build -s "$s"
done
# One status-file edit: the year of the first seeded recognition of one former unit.
edit=
for f in full/content/former/*.toml; do
  if grep -q 'example.org/bench' "$f"; then edit=$f; break; fi
done
awk 'done == 0 && /^year = / { sub(/[0-9]+$/, $3 == 2015 ? 2014 : $3 - 1); done = 1 } { print }' \
  "$edit" > edit.tmp && mv edit.tmp "$edit"
measure full-edit "$work/atlas" build -s full
echo "edited: ${edit#full/} ($(grep -c . full-edit.log) output lines)"
# One story edit: a line added to the body of the first story.
for story in full/content/stories/*.md; do
  case $story in *.en.md) ;; *) break ;; esac
done
printf '\nMột dòng thêm vào.\n' >> "$story"
measure full-story "$work/atlas" build -s full
echo "edited: ${story#full/}"
# atlas serve: save → live-reload message, and → the edited page loaded, for the same two
# kinds of edit (each made and undone three times).
"$work/reload" -atlas "$work/atlas" -s full -unit "$edit" -story "$story" -n 3 > reload.log 2>&1 || {
  echo "reload failed:"; tail -5 reload.log; exit 1; }

# Hugo: first run (cold) and second (warm: Hugo keeps no page cache, so this is its steady state).
for s in full half; do
  measure "$s-hugo-cold" "$hugo" --quiet -s "$s-hugo" -d "$work/$s-hugo/public"
  measure "$s-hugo-warm" "$hugo" --quiet -s "$s-hugo" -d "$work/$s-hugo/public"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

ap=$(pages full/public); hp=$(pages full-hugo/public)
aph=$(pages half/public); hph=$(pages half-hugo/public)
a_ms=$(mspp "$(secs full-warm)" "$ap"); h_ms=$(mspp "$(secs full-hugo-warm)" "$hp")
ah_ms=$(mspp "$(secs half-warm)" "$aph"); hh_ms=$(mspp "$(secs half-hugo-warm)" "$hph")

printf '\n| | NTM Atlas | Hugo v0.165.0 | atlas ÷ Hugo | goal |\n|---|---|---|---|---|\n'
printf '| cold build | %s s (%s s CPU), %s GB | %s s (%s s CPU), %s GB | %s× time | ≤ 30 s |\n' \
  "$(secs full-cold)" "$(cpu full-cold)" "$(mb full-cold)" "$(secs full-hugo-cold)" "$(cpu full-hugo-cold)" "$(mb full-hugo-cold)" \
  "$(ratio "$(secs full-cold)" "$(secs full-hugo-cold)")"
printf '| warm build | %s s (%s s CPU), %s GB (%s HTML pages) | %s s (%s s CPU), %s GB (%s pages) | %s× time | — |\n' \
  "$(secs full-warm)" "$(cpu full-warm)" "$(mb full-warm)" "$ap" "$(secs full-hugo-warm)" "$(cpu full-hugo-warm)" "$(mb full-hugo-warm)" "$hp" \
  "$(ratio "$(secs full-warm)" "$(secs full-hugo-warm)")"
printf '| ms per HTML page, warm | %s | %s | %s× | ≤ 1.0× |\n' "$a_ms" "$h_ms" "$(ratio "$a_ms" "$h_ms")"
printf '| growth half → whole, warm time | %s× for %s× the pages | %s× for %s× the pages | — | linear or better |\n' \
  "$(ratio "$(secs full-warm)" "$(secs half-warm)")" "$(ratio "$ap" "$aph")" \
  "$(ratio "$(secs full-hugo-warm)" "$(secs half-hugo-warm)")" "$(ratio "$hp" "$hph")"
printf '| ms per HTML page, half country, warm | %s (%s pages) | %s (%s pages) | %s× | — |\n' \
  "$ah_ms" "$aph" "$hh_ms" "$hph" "$(ratio "$ah_ms" "$hh_ms")"
printf '| output | %s files, %s MB | %s files, %s MB | %s× bytes | ≤ 300 MB |\n' \
  "$(files full/public)" "$(outmb full/public)" "$(files full-hugo/public)" "$(outmb full-hugo/public)" \
  "$(ratio "$(outmb full/public)" "$(outmb full-hugo/public)")"
printf '| one status file edited, rebuild | %s s (%s s CPU), %s GB | — | — | ≤ 5 s |\n' "$(secs full-edit)" "$(cpu full-edit)" "$(mb full-edit)"
printf '| one story edited, rebuild | %s s (%s s CPU), %s GB | — | — | ≤ 5 s |\n' "$(secs full-story)" "$(cpu full-story)" "$(mb full-story)"
for k in unit story; do
  printf '| atlas serve, %s edit: save → reload message; → page loaded | %s; %s | — | — | ≤ 1 s |\n' "$k" \
    "$(grep "^$k edit" reload.log | sed 's/.*reload message \([^;]*\);.*/\1/')" \
    "$(grep "^$k edit" reload.log | sed 's/.*loaded //')"
done
printf '| half country cold / warm | %s s / %s s | %s s / %s s | — | — |\n' \
  "$(secs half-cold)" "$(secs half-warm)" "$(secs half-hugo-cold)" "$(secs half-hugo-warm)"
echo
grep -h '^Built' full-cold.log full-warm.log full-edit.log full-story.log | sed 's/^/atlas: /'
sed 's/^/atlas serve: /' reload.log

# Where the output's bytes are, for the output goal: by page family or download (the top
# folder under the language's, "tinh/…/nam/<year>/" apart) and file type, heaviest first.
printf '\n| output part | files | MB |\n|---|--:|--:|\n'
(cd full/public && find . -type f -printf '%s %P\n') | awk '{
  n = split($2, p, "/"); i = (p[1] == "en") ? 2 : 1; part = (i < n) ? p[i] "/" : p[i]
  if (p[i] == "tinh" && $2 ~ /\/nam\/[0-9]+\//) part = "tinh/<code>/nam/<year>/"
  ext = $2; sub(/.*\./, "", ext); k = part " ." ext; s[k] += $1; c[k]++
} END { for (k in s) printf "%d %d %s\n", s[k], c[k], k }' | sort -rn | head -15 |
  awk '{ printf "| %s %s | %d | %.1f |\n", $3, $4, $2, $1 / 1e6 }'
