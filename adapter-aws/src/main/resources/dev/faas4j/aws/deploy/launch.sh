#!/bin/sh
# faas4j launcher for Lambda's AWS_LAMBDA_EXEC_WRAPPER (written by the build: do not edit).
# Lambda runs it as: launch <java> <JVM options> -classpath <runtime jars> <main class> <handler>.
# It starts the same JVM with the same options, main class and handler, but with the function's own class path (the
# jars in lib/, relative to the task root, as the training run used them) and, when this JVM is the one the training
# ran on, the start-up archive. Without the archive, or on another JVM, the function starts as without the aid.
CLASS_PATH='@CLASS_PATH@'
ARCHIVE='@ARCHIVE@'

cd "$(dirname -- "$0")/.." || exit 1
java=$1
shift

use=
if [ -f "$ARCHIVE" ]; then
  # the archive's JDK record (written by the training) against this JVM's release file
  bin=$(command -v -- "$java") && bin=$(readlink -f -- "$bin" 2>/dev/null || printf '%s' "$bin")
  release=$(dirname -- "$(dirname -- "$bin")")/release
  use=yes
  for key in IMPLEMENTOR JAVA_RUNTIME_VERSION OS_ARCH; do
    want=$(grep "^$key=" "$ARCHIVE.jdk" 2>/dev/null)
    have=$(grep "^$key=" "$release" 2>/dev/null)
    if [ -z "$want" ] || [ "$want" != "$have" ]; then
      echo "faas4j: $ARCHIVE was written by another JVM ($want; this one: ${have:-no $release}): starting without it" >&2
      use=
      break
    fi
  done
fi

# The arguments go round once: each original one is taken from the front and what is kept is put at the back.
n=$#
i=0
main=
while [ "$i" -lt "$n" ]; do
  arg=$1
  shift
  i=$((i + 1))
  if [ -n "$main" ]; then
    set -- "$@" "$arg"
    continue
  fi
  case $arg in
    -cp | -classpath | --class-path)
      if [ "$i" -lt "$n" ]; then
        shift
        i=$((i + 1))
      fi
      continue ;;
    --class-path=*)
      continue ;;
    # the runtime's native library belongs to its own client; the one shipped in lib/ brings its own
    -Dcom.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI=*)
      continue ;;
    # with the archive, -Xshare:auto (a refused archive is only a warning) and the archive instead of the runtime's
    -Xshare:* | -XX:SharedArchiveFile=*)
      if [ -n "$use" ]; then
        continue
      fi ;;
    -p | --module-path | --upgrade-module-path | --add-modules | --add-opens | --add-exports | --add-reads \
      | --patch-module | --limit-modules)
      set -- "$@" "$arg"
      if [ "$i" -lt "$n" ]; then
        value=$1
        shift
        i=$((i + 1))
        set -- "$@" "$value"
      fi
      continue ;;
    -*) ;;
    *)
      main=$arg
      set -- "$@" -cp "$CLASS_PATH"
      if [ -n "$use" ]; then
        set -- "$@" -Xshare:auto "-XX:SharedArchiveFile=$ARCHIVE"
      fi ;;
  esac
  set -- "$@" "$arg"
done
exec "$java" "$@"
