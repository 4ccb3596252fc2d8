#!/usr/bin/env bash
# atlas diff beside atlas check on the national default site: a copy of the site at HEAD (a git
# worktree) with one status file edited — the year of one recognition of a former commune —
# compared with HEAD (`atlas diff -base HEAD`, as CI runs it on a pull request, git archive
# included) and with the repository's own site folder (`atlas diff OLD NEW`), and checked
# (`atlas check`), each cold (no .cache/) and warm (after one `atlas build` filled .cache/).
# Prints the table of docs/performance.md: the median wall time and peak RSS of RUNS runs.
#
# Usage: bench/diff.sh [RUNS]   (default 3)
# Needs: go, git, GNU time.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
runs=${1:-3}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/site" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

(cd "$root" && go build -o "$work/atlas" ./cmd/atlas)
git -C "$root" worktree add --detach -q "$work/site" HEAD
site=$work/site
# One edit: the year of the first dated recognition of a former unit.
edit=
for f in "$site"/content/former/*.toml; do
  if grep -q '^year = 20' "$f"; then edit=$f; break; fi
done
awk 'done == 0 && /^year = / { sub(/[0-9]+$/, $3 - 1); done = 1 } { print }' "$edit" > "$work/edit.tmp" && mv "$work/edit.tmp" "$edit"
echo "edited: ${edit#$site/} ($(git -C "$site" diff --stat | tail -1))"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"

# measure LABEL CMD...: runs CMD $runs times; LABEL.t holds "seconds peak-RSS-KB" of each run
measure() {
  local label=$1; shift
  : > "$work/$label.t"
  for _ in $(seq "$runs"); do
    [ "${cold:-}" = 1 ] && rm -rf "$site/.cache"
    /usr/bin/time -f '%e %M' -a -o "$work/$label.t" "$@" > "$work/$label.log" 2>&1 || {
      echo "$label failed:"; tail -5 "$work/$label.log"; exit 1; }
  done
}
median() { cut -d' ' -f1 "$work/$1.t" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mb() { cut -d' ' -f2 "$work/$1.t" | sort -n | tail -1 | awk '{printf "%.0f", $1/1024}'; }

cold=1 measure check-cold "$work/atlas" check -s "$site"
cold=1 measure base-cold "$work/atlas" diff -base HEAD -s "$site"
cold=1 measure dirs-cold "$work/atlas" diff "$root" "$site"
"$work/atlas" build -s "$site" -o "$work/public" > "$work/build.log" 2>&1
measure check-warm "$work/atlas" check -s "$site"
measure base-warm "$work/atlas" diff -base HEAD -s "$site"
measure dirs-warm "$work/atlas" diff "$root" "$site"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "lines of the report: $(grep -c . "$work/base-warm.log")"

printf '\n| median of %s runs | atlas check | atlas diff -base HEAD | atlas diff OLD NEW | diff ÷ check |\n|---|---|---|---|---|\n' "$runs"
for t in cold warm; do
  printf '| %s | %s s, %s MB | %s s, %s MB | %s s, %s MB | %s× |\n' "$t" \
    "$(median check-$t)" "$(mb check-$t)" "$(median base-$t)" "$(mb base-$t)" "$(median dirs-$t)" "$(mb dirs-$t)" \
    "$(awk -v a="$(median base-$t)" -v b="$(median check-$t)" 'BEGIN{printf "%.2f", a/b}')"
done
