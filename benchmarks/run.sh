#!/usr/bin/env bash
# Runs the faas4j measurements and keeps their raw output in benchmarks/target/results.
#   benchmarks/run.sh [machine|jmh|coldstart|startup|startup-gcp|cpu|footprint|throughput|queue|all]...   (default: all)
# Take final numbers on a quiet machine: load average < 1.5 and no other builds running.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=benchmarks/target/benchmarks.jar
OUT=benchmarks/target/results
# A jar built before the last commit (say, before a merge) would measure old code: rebuild it.
if [[ ! -f $JAR || $(stat -c %Y "$JAR") -lt $(git log -1 --format=%ct) ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
mkdir -p "$OUT"
java_bin=${JAVA:-java}
# The JVM the Lambda-like child processes run on (cold start, function CPU): Lambda's java17 runtime.
lambda_java=${LAMBDA_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}

machine() {
  {
    echo "date: $(date -u +%Y-%m-%dT%H:%MZ)"
    echo "commit: $(git rev-parse --short HEAD)"
    echo "nproc: $(nproc)"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
    free -h | head -2
    "$java_bin" -version 2>&1
    echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$OUT/machine.txt"
}

jmh() {
  "$java_bin" -jar "$JAR" -prof gc -rf json -rff "$OUT/jmh.json" 'AwsHttpApi|AwsSqsBatch|AwsSqsMessage|GcpStorageEvent|AzureHttp|AzureQueue|Idempotency|TraceContext' \
    | tee "$OUT/jmh.txt"
  "$java_bin" -cp "$JAR" dev.faas4j.bench.jmh.JmhSummary "$OUT/jmh.json" | tee "$OUT/jmh-summary.md"
}

coldstart() {
  "$java_bin" -cp "$JAR" dev.faas4j.bench.coldstart.ColdStart --rounds 11 --cds --classes \
    --java "$lambda_java" | tee "$OUT/coldstart.txt"
}

# The start-up aid (training run + archive) against the plain hand-written handler, each JDK on its own.
startup() {
  : > "$OUT/startup.txt"
  for j in "$lambda_java" "${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"; do
    "$java_bin" -cp "$JAR" dev.faas4j.bench.coldstart.Startup --rounds 21 --java "$j" | tee -a "$OUT/startup.txt"
  done
}

# The GCP start-up aid (InvokerTraining's archive) under the Functions Framework invoker, each JDK on its own.
startup-gcp() {
  : > "$OUT/startup-gcp.txt"
  for j in "$lambda_java" "${JAVA25:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}"; do
    "$java_bin" -cp "$JAR" dev.faas4j.bench.coldstart.InvokerStartup --rounds 11 --classes --java "$j" \
      | tee -a "$OUT/startup-gcp.txt"
  done
}

cpu() {
  "$java_bin" -cp "$JAR" dev.faas4j.bench.cpu.WarmCpu --workload both --rounds 11 --invocations 20000 --warmup 3 \
    --java "$lambda_java" | tee "$OUT/cpu.txt"
}

footprint() {
  "$java_bin" -cp "$JAR" dev.faas4j.bench.footprint.Footprint | tee "$OUT/footprint.txt"
}

throughput() {
  if ! command -v wrk >/dev/null; then
    echo "wrk is not installed: apt-get install -y wrk" >&2
    exit 2
  fi
  "$java_bin" -cp "$JAR" dev.faas4j.bench.throughput.HttpThroughput --duration 10 --runs 3 --connections 16 \
    | tee "$OUT/throughput.txt"
}

queue() {
  "$java_bin" -cp "$JAR" dev.faas4j.bench.throughput.QueueThroughput --messages 2000 | tee "$OUT/queue.txt"
  "$java_bin" -cp "$JAR" dev.faas4j.bench.throughput.QueueThroughput --messages 2000 --dir /dev/shm \
    | tee "$OUT/queue-tmpfs.txt"
}

steps=("$@")
if [[ ${#steps[@]} -eq 0 || ${steps[0]} == all ]]; then
  steps=(machine footprint coldstart startup startup-gcp cpu throughput queue jmh)
fi
for s in "${steps[@]}"; do
  "$s"
done
