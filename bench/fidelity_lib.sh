# Shared by bench/fidelity.sh and bench/floor.sh: the simulator on its core, the scenario of N
# streams, and one measured client run (run_point). Sourced, not run; the caller then calls
# take_bin_and_out "$@" and sets first_event_ms, client_core, sim_core and reuse.
stats="$here/fidelity_stats.py"
monitor="$here/fidelity_monitor.py"
profile="$here/profiles/fidelity.json"

# take_bin_and_out BIN OUT_DIR: the script's two arguments (usage and exit 2 otherwise).
take_bin_and_out() {
  if [[ $# -ne 2 ]]; then
    echo "usage: $0 BIN OUT_DIR" >&2
    exit 2
  fi
  bin=$(realpath "$1")
  out=$(realpath -m "$2")
}

# The port a `serve --port 0` reported ("listening on http://127.0.0.1:PORT"), waiting up to 5 s.
wait_for_port() {
  local file=$1 pid=$2 port=""
  for _ in $(seq 100); do
    port=$(sed -n 's|^listening on http://127\.0\.0\.1:\([0-9]*\)$|\1|p' "$file")
    [[ -n "$port" ]] && { echo "$port"; return 0; }
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  return 1
}

# The scenario for N streams: two targets on the same simulator (a scenario needs two). N = 1 is
# an open loop slower than one short response (1 in flight). Otherwise a steady state: streams of
# 50 tokens at 50 tokens/s (~1.05 s each) started at an even rate of N per 1.05 s across both
# targets, so about N are in flight at once, for about 3 s. (A closed loop would start and end
# its N streams in waves, measuring a burst of N connects rather than N streams.)
readonly stream_tokens=50 standard_rate=50
stream_seconds() {  # tokens/s → how long one stream lasts: the first event, then every token
  awk -v r="$1" -v t="$stream_tokens" -v f="$first_event_ms" 'BEGIN { printf "%.3f", f / 1000 + t / r }'
}
requests_per_target() {  # N → requests per target
  local streams=$1
  if (( streams == 1 )); then echo 100; else
    awk -v n="$streams" 'BEGIN { r = int(n * 1.5 + 0.5); print (r < 100 ? 100 : r) }'
  fi
}
write_scenario() {  # N PORT FILE TOKENS_PER_S [REQUESTS_PER_TARGET]
  local streams=$1 port=$2 file=$3 tokens_per_s=$4 phase max_tokens url="http://127.0.0.1:$2/v1/chat/completions"
  local per_target=${5:-}
  [[ -n "$per_target" ]] || per_target=$(requests_per_target "$streams")
  if (( streams == 1 )); then
    phase="{ \"name\": \"load\", \"requests\": $per_target, \"interval\": \"150ms\" }"
    max_tokens=4
  else
    local rate
    rate=$(awk -v n="$streams" -v d="$(stream_seconds "$tokens_per_s")" 'BEGIN { printf "%.3f", n / d }')
    phase="{ \"name\": \"load\", \"requests\": $per_target, \"rate\": $rate }"
    max_tokens=$stream_tokens
  fi
  cat > "$file" <<JSON
{
  "name": "fidelity-$streams",
  "seed": 1,
  "reuse_connections": $reuse,
  "targets": {
    "a": { "protocol": "openai-chat", "url": "$url", "model": "sim" },
    "b": { "protocol": "openai-chat", "url": "$url", "model": "sim" }
  },
  "workload": { "messages": [ { "role": "user", "content": "fidelity" } ], "max_tokens": $max_tokens },
  "phases": [ $phase ],
  "timeouts": { "connect": "10s", "first_event": "30s", "total": "60s" }
}
JSON
}

# point_dir N [TOKENS_PER_S]: where run_point keeps a point's files.
point_dir() {
  local rate=${2:-$standard_rate}
  echo "$out/n-$1$( (( rate == standard_rate )) || echo "-at-$rate" )${point_suffix:-}"
}

# start_simulator DIR TOKENS_PER_S: `serve --log` on its core at that token rate; sets sim_pid
# and port.
start_simulator() {
  local dir=$1 tokens_per_s=$2
  # The profile at this token rate (token_interval_ms = 1000 / rate).
  sed "s/\"token_interval_ms\": [0-9.]*/\"token_interval_ms\": $(( 1000 / tokens_per_s ))/" "$profile" \
    > "$dir/profile.json"
  taskset -c "$sim_core" "$bin" serve --port 0 --profile "$dir/profile.json" --log "$dir/server.log" \
    > "$dir/serve.out" 2> "$dir/serve.err" &
  sim_pid=$!
  if ! port=$(wait_for_port "$dir/serve.out" "$sim_pid"); then
    echo "fidelity: the simulator did not start (see $dir/serve.err)" >&2
    kill "$sim_pid" 2>/dev/null || true
    return 1
  fi
}

# stop_simulator DIR
stop_simulator() {
  kill -TERM "$sim_pid" 2>/dev/null || echo "fidelity: the simulator had exited (see $1/serve.err)" >&2
  wait "$sim_pid" || true
}

# run_point N [TOKENS_PER_S]: one simulator, one client run; leaves $(point_dir N)/point.json.
run_point() {
  local streams=$1 tokens_per_s=${2:-$standard_rate} dir status=0
  dir=$(point_dir "$streams" "$tokens_per_s")
  rm -rf "$dir"
  mkdir -p "$dir"
  start_simulator "$dir" "$tokens_per_s" || return 1
  "${scenario_writer:-write_scenario}" "$streams" "$port" "$dir/scenario.json" "$tokens_per_s"
  local rows sim_hwm_kib
  rows=$(python3 -c 'import json, sys; print(sum(p["requests"] for p in json.load(open(sys.argv[1]))["phases"]) * 2)' \
    "$dir/scenario.json")
  python3 "$monitor" --sim "$sim_pid" --samples "$dir/run/samples.csv" --rows "$rows" \
    --cores "$client_core,$sim_core" --out "$dir/monitor.json" -- \
    timeout 180 taskset -c "$client_core" /usr/bin/time -f '%e %U %S %M' -o "$dir/client.time" \
    "$bin" run "$dir/scenario.json" --out "$dir/run" --quiet > "$dir/client.out" 2> "$dir/client.err" \
    || status=$?
  sim_hwm_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$sim_pid/status" 2>/dev/null || true)
  stop_simulator "$dir"
  if (( status != 0 )); then
    echo "fidelity: the client exited $status at $streams streams (see $dir/client.err)" >&2
  fi
  python3 "$stats" point --streams "$streams" --tokens-per-s "$tokens_per_s" --dir "$dir" \
    --first-event-ms "$first_event_ms" \
    --sim-hwm-kib "${sim_hwm_kib:-0}" > "$dir/point.json"
}

