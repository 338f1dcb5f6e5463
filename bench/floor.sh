#!/usr/bin/env bash
# The client's floor: only the points with goals, against `serve --log` on its own core, in a few
# minutes. Prints one Markdown table, the goal beside each measured figure; keeps runs under OUT_DIR.
# Usage: bench/floor.sh BIN OUT_DIR
#   1 stream      ttftbench and a raw epoll client (bench/floor/raw_client.c, no library) on the
#                 same simulator, fresh and kept-alive connections: TTFT error p50 / p99
#   5,000 streams bench/fidelity.sh's steady state (50-token streams, fresh connections): error
#                 p99 and errors; then 5,000 at 5 tokens/s (the simulator's writes/s a tenth):
#                 error, and resident memory per stream over the 1-stream run's
#   10,000 req/s  open loop of one-token streams on kept-alive connections across two targets:
#                 send lag, error, and what the simulator served (its CPU share, requests/s)
#   1,000 streams client CPU per request (user+kernel, /proc) in the load phase
# Not a test: the figures depend on the machine and its load, printed beside them. On a machine
# shared with other work, FLOOR_NICE=-10 (root) runs every process of the benchmark at that
# priority, so others' work takes less of the two pinned cores (the table says so).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
source "$here/fidelity_lib.sh"
take_bin_and_out "$@"
readonly first_event_ms=50 client_core=0 sim_core=1
readonly one_stream_requests=100 open_loop_rate=10000 open_loop_requests=10000  # per target
reuse=false
mkdir -p "$out"
priority="default priority"
if [[ -n "${FLOOR_NICE:-}" ]] && renice -n "$FLOOR_NICE" -p $$ >/dev/null 2>&1; then
  priority="nice $FLOOR_NICE"
fi
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

# floor_scenario NAME PORT FILE REUSE MAX_TOKENS REQUESTS_PER_TARGET RATE: an open loop on two
# targets of the same simulator.
floor_scenario() {
  local url="http://127.0.0.1:$2/v1/chat/completions"
  cat > "$3" <<JSON
{
  "name": "$1", "seed": 1, "reuse_connections": $4,
  "targets": {
    "a": { "protocol": "openai-chat", "url": "$url", "model": "sim" },
    "b": { "protocol": "openai-chat", "url": "$url", "model": "sim" }
  },
  "workload": { "messages": [ { "role": "user", "content": "fidelity" } ], "max_tokens": $5 },
  "phases": [ { "name": "load", "requests": $6, "rate": $7 } ],
  "timeouts": { "connect": "10s", "first_event": "30s", "total": "60s" }
}
JSON
}

# The 10,000 req/s point's scenario: one-token streams (~70 ms) on kept-alive connections, the
# rate split over two targets (fresh connections at this rate would exhaust the ephemeral ports).
write_open_loop_scenario() {  # N PORT FILE TOKENS_PER_S
  floor_scenario floor-open-loop "$2" "$3" true 1 "$open_loop_requests" "$open_loop_rate"
}

# N streams at 5 tokens/s: 30 tokens (~6.05 s each) started at an even N per 6.05 s, N/2 per
# target, so in flight climbs to N as the last starts and no burst of connects comes at once.
# Its peak resident memory over the 1-stream run's, per stream, is the memory per stream; with a
# tenth of the writes per second of the 50 tokens/s point, its error is the client's at N streams
# where the simulator keeps up (the 50 tokens/s point asks it for N × 50 events/s).
write_slow_streams_scenario() {  # N PORT FILE TOKENS_PER_S
  floor_scenario floor-slow-streams "$2" "$3" false 30 $(( $1 / 2 )) "$(awk -v n="$1" 'BEGIN { printf "%.3f", n / 6.05 }')"
}

# raw_point KEEP_ALIVE(0|1): the raw client, one request every 150 ms, on a fresh simulator.
raw_point() {
  local keep=$1 dir="$out/raw-$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  start_simulator "$dir" "$standard_rate" || return 1
  taskset -c "$client_core" "$out/raw_client" "$port" /v1/chat/completions $(( 2 * one_stream_requests )) 150 \
    "$keep" "raw$keep" > "$dir/raw.csv" 2> "$dir/raw.err" || echo "floor: the raw client failed ($dir/raw.err)" >&2
  stop_simulator "$dir"
  python3 "$here/floor_stats.py" raw --csv "$dir/raw.csv" --log "$dir/server.log" > "$dir/point.json"
}

cc -O2 -Wall -Wextra -o "$out/raw_client" "$here/floor/raw_client.c"
started_s=$SECONDS
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
requests_per_target() {  # the 1-stream points send one_stream_requests per target
  if (( $1 == 1 )); then echo "$one_stream_requests"; else awk -v n="$1" 'BEGIN { print int(n * 1.5 + 0.5) }'; fi
}
point_suffix=-fresh run_point 1
raw_point 0
reuse=true point_suffix=-kept run_point 1
raw_point 1
run_point 1000
run_point 5000
scenario_writer=write_slow_streams_scenario run_point 5000 5
reuse=true point_suffix=-open-loop scenario_writer=write_open_loop_scenario run_point "$(( 2 * open_loop_rate ))"

{
  echo "## ttftbench at the floor ($(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores)"
  echo
  echo "Load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg). Client on core $client_core, \`serve --log\` on core $sim_core ($priority), ${first_event_ms} ms first event. TTFT error = client TTFT − simulator (first_event_ns − received_ns)."
  echo
  python3 "$here/floor_stats.py" table --out "$out" --open-loop-rate "$open_loop_rate"
  echo
  echo "Took $(( SECONDS - started_s )) s; every run is under $out."
} | tee "$out/floor.md"
