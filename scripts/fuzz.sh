#!/usr/bin/env bash
# Runs one fuzz target under AFL++ for a while, then minimises what it found into the kept corpus.
#   scripts/fuzz.sh <amqp|hocon> <minutes>
# Installs afl++ (Debian) and the SharpFuzz instrumenter when missing, publishes fuzz/ActorBroker.Fuzz,
# instruments the assembly under test, runs afl-fuzz niced, merges its queue with fuzz/corpus/<target>
# through afl-cmin, and copies crashes and hangs to fuzz/.out/<target>/. See fuzz/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:-}"
minutes="${2:-}"
case "$target" in
  amqp) assembly=ActorBroker.Amqp.dll ;;
  hocon) assembly=ActorBroker.Hocon.dll ;;
  *) echo "usage: scripts/fuzz.sh <amqp|hocon> <minutes>" >&2; exit 2 ;;
esac
if ! [[ "$minutes" =~ ^[0-9]+$ ]] || [ "$minutes" -lt 1 ]; then
  echo "usage: scripts/fuzz.sh <amqp|hocon> <minutes>  (minutes: a whole number, at least 1)" >&2
  exit 2
fi

sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
if ! command -v afl-fuzz >/dev/null 2>&1; then
  echo "fuzz: installing afl++"
  export DEBIAN_FRONTEND=noninteractive
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq afl++ >/dev/null
fi

tools=fuzz/.tools
sharpfuzz_version=$(sed -n 's/.*Include="SharpFuzz" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
if [ ! -x "$tools/sharpfuzz" ]; then
  echo "fuzz: installing SharpFuzz.CommandLine $sharpfuzz_version"
  dotnet tool install SharpFuzz.CommandLine --version "$sharpfuzz_version" --tool-path "$tools" >/dev/null
fi

out="fuzz/.out/$target"
bin="$out/bin"
corpus="fuzz/corpus/$target"
rm -rf "$bin" "$out/findings" "$out/cmin"
mkdir -p "$out"
nice -n 10 dotnet publish fuzz/ActorBroker.Fuzz/ActorBroker.Fuzz.csproj -c Release -o "$bin" --nologo -v quiet
"$tools/sharpfuzz" "$bin/$assembly"

# dotnet is not an AFL-instrumented binary (SharpFuzz instruments the IL and speaks the fork-server protocol);
# no CPU pinning, the machine is shared; .NET reserves far more address space than it uses, so no -m limit
# (the targets hold their own allocation budget instead).
export AFL_SKIP_BIN_CHECK=1 AFL_NO_AFFINITY=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
[ -t 1 ] || export AFL_NO_UI=1
run=("$(command -v dotnet)" "$bin/ActorBroker.Fuzz.dll" "$target")

nice -n 19 afl-fuzz -i "$corpus" -o "$out/findings" -t 5000 -m none -V "$((minutes * 60))" -- "${run[@]}"

findings="$out/findings/default"
echo "fuzz: $target for $minutes minutes"
grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|bitmap_cvg|edges_found|saved_crashes|saved_hangs|stability) ' "$findings/fuzzer_stats"

# The kept corpus: the fewest inputs that cover every edge seen, old seeds included.
mkdir -p "$out/cmin-in"
cp "$corpus"/* "$out/cmin-in/"
cp "$findings"/queue/id:* "$out/cmin-in/"
nice -n 19 afl-cmin -i "$out/cmin-in" -o "$out/cmin" -t 10000 -m none -- "${run[@]}" >/dev/null
rm -rf "$out/cmin-in" "$corpus"
mkdir -p "$corpus"
i=0
for file in "$out"/cmin/*; do
  cp "$file" "$(printf '%s/%04d' "$corpus" "$i")"
  i=$((i + 1))
done
echo "fuzz: kept corpus $corpus: $i files, $(du -sh "$corpus" | cut -f1)"

for kind in crashes hangs; do
  count=$(find "$findings/$kind" -name 'id:*' 2>/dev/null | wc -l)
  if [ "$count" -gt 0 ]; then
    mkdir -p "$out/$kind"
    cp "$findings/$kind"/id:* "$out/$kind/"
    echo "fuzz: $count $kind copied to $out/$kind (replay: dotnet $bin/ActorBroker.Fuzz.dll $target < file)"
  fi
done
