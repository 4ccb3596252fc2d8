#!/usr/bin/env bash
# Same output: builds a site with atlas at two git revisions, each cold (a copy of the site
# without .cache/ or public/), with the same SOURCE_DATE_EPOCH, and compares the two output
# trees file by file: every path and every byte. A change of the code that should not change
# the site (a restructuring, a speed-up) passes it on the default national site and on the
# Sơn La fixture; internal/pipeline's TestWholeTree pins the fixture's tree in every test run.
#
# Usage: bench/same-output.sh [OLD [NEW]]
#   OLD  a revision (default: the last commit of main's first parent before HEAD, HEAD^)
#   NEW  a revision, or "." for the work tree (default: .)
#   SITES the sites to build, relative to the repository (default: ". testdata/son-la")
# Exit status: 0 when every tree is the same, 1 when one differs (the differing files listed).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
old=${1:-HEAD^}
new=${2:-.}
sites=${SITES:-. testdata/son-la}
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/src-old" >/dev/null 2>&1 || true; [ -d "$work/src-new" ] && git -C "$root" worktree remove --force "$work/src-new" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct)}

# binary REV NAME: builds cmd/atlas at REV ("." is the work tree) into $work/NAME
binary() {
  local src=$root
  if [ "$1" != . ]; then
    src=$work/src-$2
    git -C "$root" worktree add --detach -q "$src" "$1"
  fi
  (cd "$src" && go build -o "$work/$2" ./cmd/atlas)
  echo "$2: $1 ($(git -C "$src" rev-parse --short HEAD)$( [ "$1" = . ] && [ -n "$(git -C "$root" status --porcelain)" ] && echo ', with uncommitted changes'))"
}
binary "$old" old
binary "$new" new

status=0
for site in $sites; do
  name=$(echo "$site" | tr '/.' '__')
  for v in old new; do
    # A cold build of a copy: no cache of either binary is used, and the site folder is not touched.
    rm -rf "$work/site"
    mkdir -p "$work/site"
    (cd "$root/$site" && tar --exclude=./.cache --exclude=./public --exclude=./node_modules --exclude=./.git -cf - .) | (cd "$work/site" && tar -xf -)
    start=$(date +%s)
    "$work/$v" build -s "$work/site" -o "$work/$name-$v" > "$work/$name-$v.log" 2>&1 || {
      echo "$site: the $v build failed:"; tail -5 "$work/$name-$v.log"; exit 2; }
    echo "$site: $v build, $(find "$work/$name-$v" -type f | wc -l) files in $(( $(date +%s) - start )) s"
  done
  if diff -rq "$work/$name-old" "$work/$name-new" > "$work/$name.diff"; then
    echo "$site: same output ($(find "$work/$name-new" -type f | wc -l) files, $(du -sb "$work/$name-new" | cut -f1) bytes)"
  else
    echo "$site: DIFFERENT output, $(wc -l < "$work/$name.diff") paths:"
    head -20 "$work/$name.diff"
    status=1
  fi
done
exit $status
