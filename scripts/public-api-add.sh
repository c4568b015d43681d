#!/usr/bin/env bash
# Adds the public symbols a build reports as undeclared (RS0016) to a project's PublicAPI.Unshipped.txt, sorted.
# Usage: scripts/public-api-add.sh src/ActorBroker.Client   (review the diff: the file is the API under review)
set -euo pipefail
project="$1"
unshipped="$project/PublicAPI.Unshipped.txt"
dotnet build "$project" -c Release 2>&1 \
  | grep -o "error RS0016: Symbol '[^']*'" \
  | sed -e "s/^error RS0016: Symbol '//" -e "s/'$//" \
  | sort -u >> "$unshipped.new" || true
{ head -n1 "$unshipped"; tail -n +2 "$unshipped" | cat - "$unshipped.new" | sort -u; } > "$unshipped.tmp"
mv "$unshipped.tmp" "$unshipped"
rm -f "$unshipped.new"
