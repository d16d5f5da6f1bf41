#!/usr/bin/env bash
# Prints the markdown results table from target/bench-results/*.tsv (written by run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
res=target/bench-results

# Version of a locked crate.
version() { awk -v n="$1" '$0 == "name = \"" n "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock; }

echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)),"
echo "$(rustc --version | cut -d' ' -f1-2); opentelemetry $(version opentelemetry), opentelemetry_sdk $(version opentelemetry_sdk),"
echo "tracing $(version tracing), tracing-opentelemetry $(version tracing-opentelemetry), fastrace $(version fastrace), criterion $(version criterion)."
echo "Time: criterion median per call, one run (the machine is shared: read the ratios, not the"
echo "absolute figures). Instructions: callgrind, per call, calling thread only. Allocations: heap"
echo "allocations per call. Every case is the same fn (span \`bench.op\`, an int and a string"
echo "attribute, status on \`Err\`); with a provider, calls run under a parent span of their own system."
echo

awk -F'\t' -v N="$(nproc)" '
FILENAME ~ /criterion/ { ns[$1 "/" $2] = $3; next }
FILENAME ~ /callgrind-lto/ && FNR > 1 { ir1[$1 "/" $2] = $3; next }
FILENAME ~ /callgrind/ && FNR > 1 { ir[$1 "/" $2] = $3; al[$1 "/" $2] = $4; next }
FILENAME ~ /compile_time/ { ct[$1] = $2; cpu[$1] = $3; next }
function r(x) { return sprintf("%.2f×", x) }
function check(ok) { return ok ? "met" : "**missed**" }
# Time and instructions: instruction counts are repeatable, times move with the machine load.
function check2(time_ok, instr_ok) {
    return time_ok && instr_ok ? "met" : instr_ok ? "met by instructions (or CPU), **missed** by time" : time_ok ? "met by time, **missed** by instructions (or CPU)" : "**missed**"
}
# One table: with a provider, ratios to the idiomatic hand-written code; without, cost over bare.
function table(mode, title, cases, labels,    i, n, c, s, m, k, row, base) {
    print "### " title "\n"
    if (mode != "disabled")
        print "| case | sync ns | × idiomatic | sync instr. | × idiomatic | allocs | async ns | × idiomatic | async instr. | × idiomatic | allocs |"
    else
        print "| case | sync ns | over bare | sync instr. | over bare | allocs | async ns | over bare | async instr. | over bare | allocs |"
    print "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|"
    n = split(cases, c, " ")
    split(labels, lab, "|")
    for (i = 1; i <= n; i++) {
        row = "| " lab[i]
        for (s = 1; s <= 2; s++) {
            m = (s == 1 ? "sync" : "async")
            k = mode "/" m "/" c[i]
            if (mode != "disabled") {
                base = mode "/" m "/otel_idiomatic"
                row = row sprintf(" | %.1f | %s | %d | %s | %s", ns[k], r(ns[k] / ns[base]), ir[k], r(ir[k] / ir[base]), al[k])
            } else {
                base = mode "/" m "/bare"
                row = row sprintf(" | %.1f | %+.1f | %d | %+d | %s", ns[k], ns[k] - ns[base], ir[k], ir[k] - ir[base], al[k])
            }
        }
        print row " |"
    }
    print ""
}
# Instructions per call in a build tuned for speed (fat LTO, one codegen unit).
function lto(    n, c, lab, i, row, s, m, k, mode) {
    print "### Instructions per call in a build tuned for speed (`lto = \"fat\"`, `codegen-units = 1`)\n"
    print "The tables above use cargo'"'"'s default release profile (16 codegen units per crate, no LTO)."
    print "With LTO the compiler inlines across crates, and the hand-written code gains more than ours,"
    print "in part because ours starts its span in a frame of its own, compiled once for every traced fn"
    print "(inlined, it measured about 50 instructions fewer here). Same cases; instructions per call,"
    print "in brackets × the best hand-written code.\n"
    print "| case | nothing installed, sync | async | provider, sync | async | sampled out, sync | async |"
    print "|---|--:|--:|--:|--:|--:|--:|"
    n = split("bare traced otel_idiomatic otel_best", c, " ")
    split("bare fn (floor)|`#[traced]`|hand-written OTel, idiomatic|hand-written OTel, best effort", lab, "|")
    for (i = 1; i <= n; i++) {
        row = "| " lab[i]
        for (s = 1; s <= 6; s++) {
            mode = (s <= 2 ? "disabled" : s <= 4 ? "enabled" : "sampled")
            m = (s % 2 ? "sync" : "async")
            k = mode "/" m "/" c[i]
            row = row sprintf(" | %d", ir1[k])
            if (mode != "disabled" && c[i] != "bare" && c[i] != "otel_best")
                row = row sprintf(" (%s)", r(ir1[k] / ir1[mode "/" m "/otel_best"]))
        }
        print row " |"
    }
    print ""
}
# Per-call time on 1 and N threads (sync) and on runtimes of 1 and N workers (async).
function scaling(mode, title,    n, c, lab, i, row, s, m, k1, kn) {
    print "#### " title "\n"
    print "| case | sync, 1 thread | sync, " N " threads | N / 1 | async, 1 worker | async, " N " workers | N / 1 |"
    print "|---|--:|--:|--:|--:|--:|--:|"
    n = split("bare traced otel_idiomatic otel_best tracing", c, " ")
    split("bare fn (floor)|`#[traced]`|hand-written OTel, idiomatic|hand-written OTel, best effort|`#[instrument]`" (mode == "disabled" ? ", no subscriber" : " + tracing-opentelemetry"), lab, "|")
    for (i = 1; i <= n; i++) {
        row = "| " lab[i]
        for (s = 1; s <= 2; s++) {
            m = (s == 1 ? "sync" : "async")
            k1 = "scaling-" mode "/" m "/" c[i] "/1"
            kn = "scaling-" mode "/" m "/" c[i] "/" N
            row = row sprintf(" | %.1f | %.1f | %s", ns[k1], ns[kn], r(ns[kn] / ns[k1]))
        }
        print row " |"
    }
    print ""
}
# #[traced] / the best hand-written code at N threads.
function vs_best(mode, m) {
    return ns["scaling-" mode "/" m "/traced/" N] / ns["scaling-" mode "/" m "/otel_best/" N]
}
# Growth from 1 to N threads.
function growth(mode, m, c) {
    return ns["scaling-" mode "/" m "/" c "/" N] / ns["scaling-" mode "/" m "/" c "/1"]
}
# Overhead of #[traced] over the bare fn, async / sync.
function async_ratio(mode, v) {
    return (v[mode "/async/traced"] - v[mode "/async/bare"]) / (v[mode "/sync/traced"] - v[mode "/sync/bare"])
}
END {
    cases = "bare traced otel_idiomatic otel_best tracing fastrace"
    labels = "bare fn (floor)|`#[traced]`|hand-written OTel, idiomatic|hand-written OTel, best effort|`#[instrument]` + tracing-opentelemetry|`fastrace::trace` (its own collector)"
    table("enabled", "With a provider (SDK, always-on sampler, a processor that drops spans)", cases, labels)
    table("disabled", "Nothing installed", "bare global_read traced otel_idiomatic otel_best tracing fastrace",
        "bare fn (floor)|bare fn + `global::tracer_provider()` (what one read of the global provider per call would cost)|" substr(labels, index(labels, "|") + 1))
    table("sampled", "A provider whose sampler drops every span (`Sampler::AlwaysOff`)", cases, labels)
    lto()

    print "### Scaling: per-call time (ns) on 1 and " N " threads at once\n"
    print "Sync: " N " threads each calling in a loop. Async: a multi-thread Tokio runtime of 1 or " N " workers, 8 tasks per"
    print "worker, time per call and worker. Equal columns mean the cost does not grow with cores.\n"
    scaling("disabled", "Nothing installed")
    scaling("enabled", "With a provider (SDK, always-on sampler, a processor that drops spans)")
    scaling("sampled", "Sampled out (`Sampler::AlwaysOff`)")

    print "### Targets\n"
    print "| target | measured | |"
    print "|---|---|---|"
    for (s = 1; s <= 2; s++) {
        m = (s == 1 ? "sync" : "async")
        t = ns["enabled/" m "/traced"] / ns["enabled/" m "/otel_idiomatic"]
        i = ir["enabled/" m "/traced"] / ir["enabled/" m "/otel_idiomatic"]
        printf "| %s, provider: `#[traced]` ≤ 1.0× idiomatic hand-written | %s time, %s instr. | %s |\n", m, r(t), r(i), check2(t <= 1.0, i <= 1.0)
        printf "| %s, provider: aim 0.8× idiomatic / the best hand-written | %s time, %s instr. of best | %s |\n", m,
            r(ns["enabled/" m "/traced"] / ns["enabled/" m "/otel_best"]), r(ir["enabled/" m "/traced"] / ir["enabled/" m "/otel_best"]),
            check2(t <= 0.8 || ns["enabled/" m "/traced"] <= ns["enabled/" m "/otel_best"],
                   i <= 0.8 || ir["enabled/" m "/traced"] <= ir["enabled/" m "/otel_best"])
        t = ns["enabled/" m "/tracing"] / ns["enabled/" m "/traced"]
        printf "| %s, provider: ≥ 3× faster than `#[instrument]` + tracing-opentelemetry | %s | %s |\n", m, r(t), check(t >= 3)
        d = ir["disabled/" m "/traced"] - ir["disabled/" m "/bare"]
        printf "| %s, nothing installed: ≤ 12 instructions over the bare call (`tracing`, no subscriber: %+d) | %+d | %s |\n", m, ir["disabled/" m "/tracing"] - ir["disabled/" m "/bare"], d, check(d <= 12)
        a = al["disabled/" m "/traced"]
        printf "| %s, nothing installed: no allocation | %s per call | %s |\n", m, a, check(a + 0 == 0)
    }
    for (s = 1; s <= 2; s++) {
        m = (s == 1 ? "sync" : "async")
        t = growth("disabled", m, "traced")
        printf "| %s, nothing installed: per-call time on %d threads within 1.1× of 1 thread | %s (bare fn: %s) | %s |\n", m, N, r(t), r(growth("disabled", m, "bare")), check(t <= 1.1)
        t = vs_best("enabled", m)
        printf "| %s, provider: on %d threads, ≤ the best hand-written code on %d threads | %s | %s |\n", m, N, N, r(t), check(t <= 1.0)
        t = vs_best("sampled", m)
        printf "| %s, sampled out: on %d threads, ≤ the best hand-written code on %d threads | %s | %s |\n", m, N, N, r(t), check(t <= 1.0)
        t = ns["sampled/" m "/traced"] / ns["sampled/" m "/otel_best"]
        i = ir["sampled/" m "/traced"] / ir["sampled/" m "/otel_best"]
        printf "| %s, sampled out, 1 thread: ≤ the best hand-written code | %s time, %s instr. | %s |\n", m, r(t), r(i), check2(t <= 1.0, i <= 1.0)
    }
    t = async_ratio("enabled", ns); i = async_ratio("enabled", ir)
    printf "| provider: async overhead within 5%% of sync overhead | %s time, %s instr. | %s |\n", r(t), r(i), check2(t <= 1.05, i <= 1.05)
    t = async_ratio("disabled", ns); i = async_ratio("disabled", ir)
    printf "| nothing installed: async overhead within 5%% of sync overhead | %s time, %s instr. | %s |\n", r(t), r(i), check2(t <= 1.05, i <= 1.05)
    t = ct["traced"] / ct["hand"]
    printf "| compile time, 200 fns, full semconv model: ≤ 1.5× hand-written (fastest %.2f s wall, %.2f s CPU) | %.2f s wall = %s; %.2f s CPU = %s | %s |\n",
        ct["hand"], cpu["hand"], ct["traced"], r(t), cpu["traced"], r(cpu["traced"] / cpu["hand"]), check2(t <= 1.5, cpu["traced"] / cpu["hand"] <= 1.5)
    t = ct["traced-optimized-macros"] / ct["hand"]
    printf "| the same, macros built with `[profile.dev.build-override] opt-level = 3` | %.2f s wall = %s; %.2f s CPU = %s | %s |\n",
        ct["traced-optimized-macros"], r(t), cpu["traced-optimized-macros"], r(cpu["traced-optimized-macros"] / cpu["hand"]), check2(t <= 1.5, cpu["traced-optimized-macros"] / cpu["hand"] <= 1.5)
    t = ct["traced-release"] / ct["hand-release"]
    printf "| the same in release, where small bodies are compiled twice (hand-written: %.2f s wall) | %.2f s wall = %s; %.2f s CPU = %s | %s |\n",
        ct["hand-release"], ct["traced-release"], r(t), cpu["traced-release"], r(cpu["traced-release"] / cpu["hand-release"]), check2(t <= 1.5, cpu["traced-release"] / cpu["hand-release"] <= 1.5)
}' "$res/criterion.tsv" "$res/callgrind.tsv" "$res/callgrind-lto.tsv" "$res/compile_time.tsv"
