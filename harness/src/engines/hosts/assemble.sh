#!/usr/bin/env bash
# Prints the host script the harness runs for ENGINE (see engines/external.rs),
# for trying an engine's host by hand:
#   harness/src/engines/hosts/assemble.sh jsc > /tmp/host.js
#   echo '{"id":1,"source":"log(1)","wallMs":5000,"maxSteps":1000,"maxEvents":1000,"maxLabelBytes":1000,"maxTraceBytes":100000}' | jsc /tmp/host.js
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
engine=${1:?usage: assemble.sh ENGINE}
prelude=$(sed -n '/^pub const HOST_PRELUDE: &str = r#"/,/^})"#;/p' "$here/../host.rs" | sed -e '1s/^pub const HOST_PRELUDE: &str = r#"//' -e '$s/"#;$//')
printf '"use strict";\nconst HOST_PRELUDE = %s;\n' "$(printf '%s' "$prelude" | python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))')"
# The adapters that run on node write their answers through node_answers.js.
case $engine in node|engine262) cat "$here/node_answers.js" ;; esac
cat "$here/$engine.js" "$here/core.js"
