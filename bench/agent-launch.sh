#!/usr/bin/env bash
# Launch latency and leaks of one agent, measured straight against it (no master): starts the built agent
# (agent-war/target/agent.war) alone on Payara Micro with bench/agent-catalog.json, runs bench/AgentLaunch.java,
# and stops the agent again. Build first: mvn -q -DskipTests -pl agent-war -am package
#
# Usage: bench/agent-launch.sh [port, default 18700]
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-18700}
home=$(mktemp -d)
secret=$(head -c 24 /dev/urandom | base64 | tr -d '/+=\n')
url="http://127.0.0.1:$port/agent"

java -Xmx256m -Xss512k -XX:+UseSerialGC -Djava.net.preferIPv4Stack=true "-Dswitchboard.secret=$secret" \
  -Dswitchboard.agent.name=bench-agent "-Dswitchboard.agent.url=$url" -Dswitchboard.agent.host=127.0.0.1 \
  "-Dswitchboard.agent.catalog=$PWD/bench/agent-catalog.json" "-Dswitchboard.agent.state-dir=$home/state" \
  -Dswitchboard.agent.connect-timeout-ms=2000 -Dswitchboard.agent.check-interval-ms=250 \
  -jar agent-war/target/payara-micro.jar --deploy agent-war/target/agent.war --contextroot /agent --port "$port" \
  --disablephonehome --prebootcommandfile config/loopback.asadmin --interfaces 127.0.0.1 --nohazelcast \
  --rootDir "$home/payara" > "$home/agent.log" 2>&1 &
agent=$!
trap 'kill -TERM $agent 2>/dev/null; wait $agent 2>/dev/null || true; rm -rf "$home"' EXIT
until curl -fs "http://127.0.0.1:$port/health/ready" > /dev/null; do
  kill -0 $agent 2>/dev/null || { echo "the agent did not start; its log:" >&2; tail -40 "$home/agent.log" >&2; exit 1; }
  sleep 0.5
done
echo "agent ready at $url; load average: $(cut -d' ' -f1-3 /proc/loadavg)"

bench() { java bench/AgentLaunch.java "$url" "$secret" "$@"; }
bench list 2000 > /dev/null                          # warm-up: JIT of Payara's request path
bench launch cat 200 > /dev/null                     # warm-up: JIT of the agent's launch path
bench list 200
bench launch cat-pooled 200 20
bench direct 200 cat
bench launch cat 200
bench direct 20 "$(dirname "$(readlink -f "$(command -v java)")")/java" config/apps/EchoServer.java '{port}'
bench launch echo 20
bench launch echo-pooled 200 1000
bench storm cat 500 16 60
echo "programs the agent's journal lists: $(grep -c . "$home/state/bench-agent.programs" 2>/dev/null || echo 0)" \
     "(the ready programs of the two pools: 4 + 4)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
