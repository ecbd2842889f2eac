#!/usr/bin/env bash
# Request to an open relay, with and without a redirect (docs/measurements.md): starts the embedded default
# (./switchboard on SWITCHBOARD_PORT, default 18600) and a second slave "edge" at location eu on Payara Micro of its
# own, then runs bench/OpenLatency.java twice (cold, then warm) for clients from us/x (served by the balancer's slave)
# and from eu/x (redirected to edge), and stops everything it started.
# Usage: bench/open-latency.sh [n]   (after: mvn -q -DskipTests -pl lb-micro,slave-web,agent-war -am package)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
port=${SWITCHBOARD_PORT:-18600}
edge_port=$((port + 10))
export SWITCHBOARD_HOME=${SWITCHBOARD_HOME:-$(mktemp -d /tmp/switchboard-open-latency.XXXXXX)}
mkdir -p "$SWITCHBOARD_HOME/logs"

SWITCHBOARD_PORT=$port setsid ./switchboard > "$SWITCHBOARD_HOME/logs/switchboard.out" 2>&1 &
fleet=$!
edge=
stop() {
  [ -n "$edge" ] && kill -TERM "$edge" 2>/dev/null && wait "$edge" 2>/dev/null || true
  kill -TERM "$fleet" 2>/dev/null && wait "$fleet" 2>/dev/null || true
}
trap stop EXIT

until grep -q "is ready" "$SWITCHBOARD_HOME/logs/switchboard.out"; do
  kill -0 "$fleet" 2>/dev/null || { cat "$SWITCHBOARD_HOME/logs/switchboard.out" >&2; exit 1; }
  sleep 1
done
java -Xmx256m -Xss512k -XX:+UseSerialGC -Djava.net.preferIPv4Stack=true \
  "-Dswitchboard.secret=$(cat "$SWITCHBOARD_HOME/secret")" "-Dswitchboard.master.url=http://127.0.0.1:$port" \
  -Dswitchboard.slave.name=edge -Dswitchboard.slave.location=eu "-Dswitchboard.slave.url=http://127.0.0.1:$edge_port" \
  -jar agent-war/target/payara-micro.jar --deploy slave-web/target/slave.war --contextroot / --port "$edge_port" \
  --disablephonehome --prebootcommandfile config/loopback.asadmin --interfaces 127.0.0.1 --nohazelcast \
  --rootDir "$SWITCHBOARD_HOME/edge" > "$SWITCHBOARD_HOME/logs/edge.log" 2>&1 &
edge=$!
until curl -fs "http://127.0.0.1:$port/api/v1/master/admin/slaves" | grep -q '"edge"'; do
  kill -0 "$edge" 2>/dev/null || { echo "edge exited; see $SWITCHBOARD_HOME/logs/edge.log" >&2; exit 1; }
  sleep 1
done
for location in us/x eu/x; do
  for run in cold warm; do
    echo -n "$run: "
    java bench/OpenLatency.java "http://127.0.0.1:$port" cat "$location" "$n"
  done
done
echo "edge's links prepared for arriving clients (held, claimed by their relays, expired):"
curl -s -H "Authorization: Bearer $(cat "$SWITCHBOARD_HOME/secret")" "http://127.0.0.1:$edge_port/api/v1/slave/arrivals"
echo
