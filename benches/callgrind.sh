#!/usr/bin/env bash
# Instructions and heap allocations per call for every bench case.
#
#   bash benches/callgrind.sh [--quick | N] [--lto]
#
# N calls (default 20000; --quick: 200, for CI). --lto builds the way release profiles tuned
# for speed do (`lto = "fat"`, `codegen-units = 1`) in target/lto, and writes callgrind-lto.tsv
# instead of callgrind.tsv.
#
# Each case runs under callgrind with N and with 2N calls; (I(2N) - I(N)) / N is one call's
# cost with fixed costs cancelled out. Only instructions inside `measured_calls` on the calling
# thread count: start-up and background threads (fastrace's collector) are timing-dependent.
# Allocations per call come from the counting allocator of the same binary, run natively.
# Writes a TSV (mode, case, instructions, allocations) to stdout and target/bench-results/.
set -euo pipefail
cd "$(dirname "$0")/.."

n=20000
target=target
tsv=callgrind.tsv
for arg in "$@"; do
    case "$arg" in
        --quick) n=200 ;;
        --lto)
            target=target/lto
            tsv=callgrind-lto.tsv
            export CARGO_PROFILE_RELEASE_LTO=fat CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1
            ;;
        '' | *[!0-9]* | 0) echo "usage: $0 [--quick | N] [--lto]" >&2; exit 2 ;;
        *) n=$arg ;;
    esac
done

if ! command -v valgrind >/dev/null; then
    echo "callgrind.sh: valgrind not found; install it (apt-get install -y valgrind)" >&2
    exit 1
fi

CARGO_TARGET_DIR=$target cargo build --quiet --release -p traced-benches --example callgrind_cases
bin=$target/release/examples/callgrind_cases
out=target/bench-results
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Total instructions of one run: the "summary:" line callgrind writes into its output file.
instructions() {
    valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" --collect-atstart=no \
        --toggle-collect='*measured_calls*' "$bin" "$@" >/dev/null 2>"$tmp/vg.log" ||
        { cat "$tmp/vg.log" >&2; return 1; }
    awk '/^summary:/ { print $2 }' "$tmp/cg.out"
}

{
    printf 'mode\tcase\tinstructions_per_call\tallocations_per_call\n'
    for mode in disabled enabled sampled; do
        for case in $("$bin" --list); do
            i1=$(instructions "$mode" "$case" "$n")
            i2=$(instructions "$mode" "$case" $((2 * n)))
            allocs=$("$bin" "$mode" "$case" "$n" | awk '/^allocations_per_call/ { print $2 }')
            printf '%s\t%s\t%s\t%s\n' "$mode" "$case" "$(awk -v a="$i1" -v b="$i2" -v n="$n" \
                'BEGIN { printf "%.0f", (b - a) / n }')" "$allocs"
        done
    done
} | tee "$out/$tsv"
