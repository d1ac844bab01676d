#!/bin/sh
# Builds docker-auth, k8s-secrets and the benchmarks from this checkout (no install) and runs the
# bulk fan-out benchmark. Arguments are passed on as key=value, see FanOutBenchmark.
set -e
cd "$(dirname "$0")/.."
./mvnw -B -q -pl benchmarks -am package dependency:build-classpath \
  -DskipTests -Dpullsecrets.javadoc.skip=true -Dmdep.outputFile=target/classpath.txt
exec java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  io.github.pullsecrets.benchmarks.fanout.FanOutBenchmark "$@"
