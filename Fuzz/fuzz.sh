#!/usr/bin/env bash
# Builds and runs hanchot's libFuzzer targets (docs/fuzzing.md). `make fuzz` runs `Fuzz/fuzz.sh all`.
#
#   Fuzz/fuzz.sh build            build the fuzzers (release, -sanitize=fuzzer[,address])
#   Fuzz/fuzz.sh run [TARGET...]  replay Fuzz/crashes/TARGET/*, then fuzz each target on its kept
#                                 corpus for FUZZ_RUNS executions (or FUZZ_TIME seconds)
#   Fuzz/fuzz.sh all              build, then run every target
#   Fuzz/fuzz.sh merge [TARGET...] minimize seeds + kept corpus + what runs found into Fuzz/corpus/TARGET
#   Fuzz/fuzz.sh repro TARGET FILE...  run the fuzzer on the given inputs only (a crash's stack)
#
# Targets: event-line (FuzzEventLine: EventCodec.decode, view, encode) and deadline
# (FuzzDeadline: DeadlineGrammar.read, DateInput.parse).
#
# Settings (environment or make variables):
#   FUZZ_RUNS=10000000  executions per target (libFuzzer -runs); 0 = no limit
#   FUZZ_TIME=0         seconds per target (libFuzzer -max_total_time); 0 = no limit
#   FUZZ_ASAN=1         AddressSanitizer too (0: -sanitize=fuzzer only, several times faster)
#   FUZZ_FLAGS=         more libFuzzer flags, e.g. "-fork=1 -ignore_crashes=1" to go on past a crash
#   FUZZ_JOBS=1         compile jobs (the machine is shared)
#
# New inputs a run finds go to Fuzz/.build-fuzz*/work/TARGET (not into the kept corpus, which
# is only read); crashes to Fuzz/crashes/TARGET/. Exit status: non-zero when any known crash
# still reproduces or a run crashed.
set -uo pipefail

cd "$(dirname "$0")/.."
FUZZ=Fuzz
TARGETS_ALL=(event-line deadline)
FUZZ_RUNS=${FUZZ_RUNS:-10000000}
FUZZ_TIME=${FUZZ_TIME:-0}
FUZZ_ASAN=${FUZZ_ASAN:-1}
FUZZ_FLAGS=${FUZZ_FLAGS:-}
FUZZ_JOBS=${FUZZ_JOBS:-1}

if [ "$FUZZ_ASAN" = 1 ]; then
    SCRATCH=$FUZZ/.build-fuzz
    SANITIZE=fuzzer,address
    CSANITIZE=fuzzer-no-link,address
else
    SCRATCH=$FUZZ/.build-fuzz-noasan
    SANITIZE=fuzzer
    CSANITIZE=fuzzer-no-link
fi
BIN=$SCRATCH/release

binary() {
    case "$1" in
        event-line) echo "$BIN/FuzzEventLine" ;;
        deadline) echo "$BIN/FuzzDeadline" ;;
        *) echo "unknown fuzz target '$1' (targets: ${TARGETS_ALL[*]})" >&2; return 1 ;;
    esac
}

# Longest input each target is given: event lines reach past the 16 KiB quote-map limit of full
# decoding; deadline phrases are short, and the grammar's regexes are slow on long text.
max_len() {
    case "$1" in
        event-line) echo 20000 ;;
        deadline) echo 512 ;;
    esac
}

# Leaks are not checked: the deadline grammar's regexes are built once into a global (a
# `static let`) that LeakSanitizer reports at exit although it is reachable.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
# Swift's own crash backtracer is off: libFuzzer's handler then records the crash at once, and
# ASan does not trip over the backtracer reading the crashed process's memory.
export SWIFT_BACKTRACE=${SWIFT_BACKTRACE:-enable=no}

build() {
    echo "== building fuzzers ($SANITIZE) in $SCRATCH"
    swift build -c release --package-path "$FUZZ" --scratch-path "$SCRATCH" -j "$FUZZ_JOBS" \
        -Xswiftc -sanitize="$SANITIZE" -Xswiftc -parse-as-library -Xcc -fsanitize="$CSANITIZE" \
        -Xswiftc -g
}

# Runs the kept reproducers of a target; answers how many still crash.
replay() {
    local target=$1 bin failed=0 f
    bin=$(binary "$target") || return 1
    shopt -s nullglob
    for f in "$FUZZ/crashes/$target"/crash-* "$FUZZ/crashes/$target"/timeout-* "$FUZZ/crashes/$target"/oom-*; do
        if "$bin" -runs=1 "$f" >/dev/null 2>&1; then
            echo "   fixed: $f"
        else
            echo "   STILL CRASHES: $f   (stack: Fuzz/fuzz.sh repro $target $f)"
            failed=$((failed + 1))
        fi
    done
    shopt -u nullglob
    return $failed
}

run_one() {
    local target=$1 bin work log status
    bin=$(binary "$target") || return 1
    work=$SCRATCH/work/$target
    log=$SCRATCH/logs/$target-$(date +%Y%m%d-%H%M%S).log
    mkdir -p "$work" "$FUZZ/crashes/$target" "$(dirname "$log")"
    echo "== $target: replaying kept crashes"
    replay "$target"
    local still=$?
    echo "== $target: fuzzing, runs=$FUZZ_RUNS time=${FUZZ_TIME}s (log: $log)"
    local runs=$FUZZ_RUNS
    [ "$runs" != 0 ] || runs=-1  # libFuzzer's "no limit"
    # shellcheck disable=SC2086
    "$bin" -runs="$runs" -max_total_time="$FUZZ_TIME" -max_len="$(max_len "$target")" \
        -dict="$FUZZ/dict/$target.dict" -artifact_prefix="$FUZZ/crashes/$target/" \
        -print_final_stats=1 -print_pcs=0 -reload=0 $FUZZ_FLAGS \
        "$work" "$FUZZ/corpus/$target" >"$log" 2>&1
    status=$?
    # Progress lines (the last few), the final statistics, and what crashed.
    grep -E '^#[0-9]+' "$log" | tail -3
    grep -E '^(stat::|Done |SUMMARY|==[0-9]+==ERROR|Fatal error|.*Test unit written)' "$log" | sed 's/^/   /'
    grep -E 'Fatal error' -A2 "$log" | head -6 | sed 's/^/   /'
    if [ "$status" != 0 ] || [ "$still" != 0 ]; then
        echo "== $target: CRASH (fuzzer exit $status, $still kept reproducer(s) still crashing); see $log"
        return 1
    fi
    echo "== $target: no crash"
}

run() {
    local failed=0 t
    [ $# -gt 0 ] || set -- "${TARGETS_ALL[@]}"
    for t in "$@"; do run_one "$t" || failed=1; done
    return $failed
}

merge() {
    local t seeds
    [ $# -gt 0 ] || set -- "${TARGETS_ALL[@]}"
    seeds=$SCRATCH/seeds
    rm -rf "$seeds" && python3 "$FUZZ/seeds.py" "$seeds" || return 1
    for t in "$@"; do
        local bin new
        bin=$(binary "$t") || return 1
        new=$SCRATCH/merged/$t
        rm -rf "$new" && mkdir -p "$new" "$FUZZ/corpus/$t" "$SCRATCH/work/$t"
        echo "== $t: merging seeds, kept corpus and found inputs into $FUZZ/corpus/$t"
        "$bin" -merge=1 -max_len="$(max_len "$t")" "$new" "$FUZZ/corpus/$t" "$seeds/$t" "$SCRATCH/work/$t" \
            >"$SCRATCH/merge-$t.log" 2>&1 || { tail -20 "$SCRATCH/merge-$t.log"; return 1; }
        grep -E 'MERGE-OUTER: [0-9]+ new files' "$SCRATCH/merge-$t.log"
        rm -rf "$FUZZ/corpus/$t" && mv "$new" "$FUZZ/corpus/$t"
        echo "   $(ls "$FUZZ/corpus/$t" | wc -l) files, $(du -sb "$FUZZ/corpus/$t" | cut -f1) bytes"
    done
}

repro() {
    local target=$1 bin
    shift
    bin=$(binary "$target") || return 1
    "$bin" -runs=1 "$@" 2>&1 | swift demangle --simplified
    return "${PIPESTATUS[0]}"
}

cmd=${1:-all}
[ $# -gt 0 ] && shift
case "$cmd" in
    build) build ;;
    run) run "$@" ;;
    all) build && run "$@" ;;
    merge) merge "$@" ;;
    repro) repro "$@" ;;
    *) sed -n '2,26p' "$0"; exit 2 ;;
esac
