#!/bin/sh
# libFuzzer over aikit's parsers of untrusted input (Sources/FuzzTargets): builds aikit-fuzz with
# -sanitize=fuzzer,address into .build-fuzz, then runs each target for SECONDS (default 60) from the seed corpus in
# Tests/FuzzTargetTests/Corpus, printing executions and coverage. A crash leaves crash-* in .build-fuzz/findings:
# replay it with `.build-fuzz/release/aikit-fuzz TARGET FILE`, fix it, and add the file to the target's corpus
# folder (the replay tests then keep it fixed).
#   sh Benchmarks/fuzz.sh [SECONDS] [TARGET...]
set -e
cd "$(dirname "$0")/.."
seconds=${1:-60}
[ $# -gt 0 ] && shift
targets=${*:-"market-csv market-json config-toml rules-json parties-csv parties-json report-render provider-url"}
swift build -c release --scratch-path .build-fuzz --product aikit-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -DFUZZING >&2
mkdir -p .build-fuzz/findings
printf '%-14s %12s %10s %8s %8s  %s\n' target executions exec/s cov ft result
for target in $targets; do
    work=.build-fuzz/corpus/$target
    mkdir -p "$work"
    log=.build-fuzz/findings/$target.log
    status=0
    AIKIT_FUZZ_TARGET=$target .build-fuzz/release/aikit-fuzz -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix=.build-fuzz/findings/"$target"- -print_final_stats=1 \
        "$work" Tests/FuzzTargetTests/Corpus/"$target" >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    ft=$(grep -o 'ft: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    result=$([ "$status" -eq 0 ] && echo ok || echo "CRASH (see $log)")
    printf '%-14s %12s %10s %8s %8s  %s\n' "$target" "${runs:-?}" "${speed:-?}" "${cov:-?}" "${ft:-?}" "$result"
done
