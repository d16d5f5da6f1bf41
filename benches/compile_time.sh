#!/usr/bin/env bash
# Compile time of 200 `#[traced]` fns against the full official semconv model, against the
# same 200 fns with hand-written OpenTelemetry spans.
#
#   bash benches/compile_time.sh [RUNS]          (default 10 timed builds of each crate)
#
# Generates both crates into target/compile-bench/ (never committed), builds their
# dependencies once, then times whole rebuilds of the generated crate only. The traced crate is
# timed twice: as cargo builds it by default (the proc macro and the registry parser at
# opt-level 0) and with `[profile.dev.build-override] opt-level = 3` (as an env variable).
# Both crates are also timed in release, where a sync fn's body is compiled twice (the fast
# path of a call with nothing traced).
# Writes target/bench-results/compile_time.tsv (variant, fastest wall seconds: the least
# disturbed by other builds on a shared machine; mean CPU seconds, user + system) and prints
# the ratios.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
runs=${1:-10}
model=${TRACED_SEMCONV_MODEL:-$root/../shared/semconv-model/model}
[ -d "$model" ] || { echo "compile_time.sh: no semconv model at $model (set TRACED_SEMCONV_MODEL)" >&2; exit 1; }
model=$(cd "$model" && pwd)

dir=$root/target/compile-bench
out=$root/target/bench-results
mkdir -p "$dir" "$out"
export CARGO_TARGET_DIR=$dir/target
# Whole-crate builds: incremental reuse would hide the cost of the expansions.
export CARGO_INCREMENTAL=0

# (key, registered type, rust type, argument) cycled over the fns: two attributes each.
keys=("server.address|&str" "server.port|i64" "url.path|&str" "http.response.status_code|i64")

# gen KIND: writes the crate $dir/KIND.
gen() {
    local kind=$1 crate=$dir/$1 i a b ka ta kb tb
    mkdir -p "$crate/src"
    if [ "$kind" = traced ]; then
        deps="traced-runtime = { path = \"$root/traced-runtime\" }"
    else
        deps='opentelemetry = { version = "0.33", default-features = false, features = ["trace"] }'
    fi
    # Its own workspace, so the project's workspace does not claim it.
    printf '[package]\nname = "bench-%s"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\n%s\n\n[workspace]\n' \
        "$kind" "$deps" >"$crate/Cargo.toml"
    {
        echo '#![allow(dead_code)]'
        echo '#[derive(Debug)] pub struct E;'
        echo 'impl std::fmt::Display for E { fn fmt(&self, f: &mut std::fmt::Formatter<'"'"'_>) -> std::fmt::Result { f.write_str("e") } }'
        [ "$kind" = hand ] && echo 'use opentelemetry::{global, trace::{SpanKind, Status, TraceContextExt as _, Tracer as _}, Context, KeyValue};'
        for i in $(seq 0 199); do
            IFS='|' read -r ka ta <<<"${keys[$((i % 4))]}"
            IFS='|' read -r kb tb <<<"${keys[$(((i + 1) % 4))]}"
            if [ "$kind" = traced ]; then
                echo "#[traced_runtime::traced(name = \"bench.op$i\", attrs(\"$ka\" = a, \"$kb\" = b))]"
                echo "pub fn op$i(a: $ta, b: $tb) -> Result<usize, E> { if format!(\"{a}{b}\").is_empty() { Err(E) } else { Ok($i) } }"
            else
                # What the macro replaces: builder with kind + attributes, context attached,
                # status on Err.
                echo "pub fn op$i(a: $ta, b: $tb) -> Result<usize, E> {"
                echo "    let tracer = global::tracer(\"bench\");"
                echo "    let span = tracer.span_builder(\"bench.op$i\").with_kind(SpanKind::Internal)"
                echo "        .with_attributes([KeyValue::new(\"$ka\", a.to_owned()), KeyValue::new(\"$kb\", b.to_owned())])"
                echo "        .start(&tracer);"
                echo "    let cx = Context::current_with_span(span);"
                echo "    let _guard = cx.clone().attach();"
                echo "    let ret = if format!(\"{a}{b}\").is_empty() { Err(E) } else { Ok($i) };"
                echo "    if let Err(e) = &ret { cx.span().set_status(Status::error(e.to_string())); }"
                echo "    ret"
                echo "}"
            fi
        done
    } >"$crate/src/lib.rs"
}

gen traced
gen hand
export TRACED_REGISTRY=$model
opt=CARGO_PROFILE_DEV_BUILD_OVERRIDE_OPT_LEVEL=3
build() { echo "cargo build --quiet --manifest-path $dir/$1/Cargo.toml"; }
# Warm-up: the dependencies of each variant.
$(build hand)
$(build traced)
env $opt $(build traced)
$(build hand) --release
$(build traced) --release

# Each timed run rebuilds only the generated crate: name, then command.
variants=(traced "$(build traced)" traced-optimized-macros "env $opt $(build traced)" hand "$(build hand)"
    traced-release "$(build traced) --release" hand-release "$(build hand) --release")
if command -v hyperfine >/dev/null; then
    args=()
    for ((i = 0; i < ${#variants[@]}; i += 2)); do
        crate=${variants[i]%%-*}
        args+=(-n "${variants[i]}" --prepare "touch $dir/$crate/src/lib.rs" "${variants[i + 1]}")
    done
    hyperfine --style basic --runs "$runs" --export-json "$dir/hyperfine.json" "${args[@]}" >&2
    jq -r '.results[] | "\(.command)\t\(.min)\t\(.user + .system)"' "$dir/hyperfine.json" >"$out/compile_time.tsv"
else
    : >"$out/compile_time.tsv"
    for ((i = 0; i < ${#variants[@]}; i += 2)); do
        best=
        for _ in $(seq "$runs"); do
            touch "$dir/${variants[i]%%-*}/src/lib.rs"
            start=$(date +%s.%N)
            ${variants[i + 1]}
            best=$(awk -v b="$best" -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { t = e - s; print (b == "" || t < b) ? t : b }')
        done
        # No CPU time without hyperfine: the wall time stands in for it.
        printf '%s\t%s\t%s\n' "${variants[i]}" "$best" "$best" >>"$out/compile_time.tsv"
    done
fi
awk -F'\t' '{ t[$1] = $2 } END {
    printf "compile time: hand-written %.2f s; traced %.2f s (%.2fx); with optimized macros %.2f s (%.2fx)\n",
        t["hand"], t["traced"], t["traced"] / t["hand"], t["traced-optimized-macros"], t["traced-optimized-macros"] / t["hand"]
    printf "release: hand-written %.2f s; traced %.2f s (%.2fx)\n",
        t["hand-release"], t["traced-release"], t["traced-release"] / t["hand-release"] }' \
    "$out/compile_time.tsv"
