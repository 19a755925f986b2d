//! Repros in forms people run without tickdiff: a standalone Node script
//! with the host model inlined, and a test262-style async test.

use generators::corpus::CorpusCase;
use generators::model::{walk_program, Expr, Node};
use generators::print_program;

/// The host model of DESIGN.md §1 for a plain `node file.js` run: virtual
/// timers driven one per macrotask turn (so Node drains microtasks between
/// them), `queueMicrotask` as a host job whose exceptions are `!uncaught`,
/// and the trace printed as JSON at the end.
const NODE_PRELUDE: &str = r#"// --- tickdiff host model (DESIGN.md section 1); the program starts below ---
(function installHost(g) {
  const trace = [];
  const timers = [];
  let now = 0;
  let nextId = 1;
  const nativeQueueMicrotask = g.queueMicrotask;
  const realSetImmediate = g.setImmediate;
  g.log = (label) => { trace.push(String(label)); };
  g.setTimeout = (cb, ms, ...args) => {
    const id = nextId++;
    if (typeof cb === 'function') {
      let delay = Math.trunc(Number(ms));
      if (!(delay > 0)) delay = 0;
      timers.push({ id, due: now + delay, cb, args });
    }
    return id;
  };
  g.clearTimeout = (id) => {
    const i = timers.findIndex((t) => t.id === id);
    if (i >= 0) timers.splice(i, 1);
  };
  g.queueMicrotask = (cb) => {
    if (typeof cb !== 'function') throw new TypeError('queueMicrotask needs a function');
    nativeQueueMicrotask(() => {
      try { cb(); } catch (e) { trace.push('!uncaught'); }
    });
  };
  process.on('uncaughtException', () => { trace.push('!uncaught'); });
  process.on('unhandledRejection', () => {});
  function turn() {
    if (timers.length === 0) {
      console.log(JSON.stringify(trace));
      return;
    }
    let next = 0;
    for (let i = 1; i < timers.length; i++) {
      const a = timers[i], b = timers[next];
      if (a.due < b.due || (a.due === b.due && a.id < b.id)) next = i;
    }
    const t = timers.splice(next, 1)[0];
    now = t.due;
    try { t.cb(...t.args); } catch (e) { trace.push('!uncaught'); }
    realSetImmediate(turn);
  }
  realSetImmediate(turn);
})(globalThis);
// --- program ---
"#;

fn header(case: &CorpusCase, comment: &str) -> String {
    let mut s = String::new();
    if let Some(d) = &case.divergence {
        s.push_str(&format!("{comment} tickdiff bucket {}: {}\n", d.bucket, d.key));
        s.push_str(&format!("{comment} {}\n", d.first_difference));
    }
    for (backend, r) in &case.results {
        let version = case.versions.get(backend).map(|v| format!(" ({v})")).unwrap_or_default();
        s.push_str(&format!("{comment} {backend}{version}: {}\n", serde_json::to_string(&r.trace).unwrap()));
    }
    if let (Some(seed), Some(index)) = (case.seed, case.index) {
        s.push_str(&format!("{comment} from seed {seed}, program {index}\n"));
    }
    s
}

/// `node file.js` prints the trace as a JSON array on its last line.
pub fn standalone_node(case: &CorpusCase) -> String {
    format!(
        "{}// Run: node this-file.js  (prints the trace as JSON)\n{NODE_PRELUDE}{}",
        header(case, "//"),
        print_program(&case.program)
    )
}

/// A test262-style async test asserting the reference's order, or `None`
/// when the program cannot be expressed that way: timers need a host event
/// loop test262 does not have, and an exception escaping the script would
/// stop the assertion code.
pub fn test262(case: &CorpusCase, reference_jobs: u64) -> Option<String> {
    let reference = case.results.get("reference")?;
    if reference.status != "ok" || reference.trace.iter().any(|l| l == crate::outcome::UNCAUGHT) {
        return None;
    }
    let mut uses_timers = false;
    walk_program(&case.program, &mut |n| {
        if let Node::Expr(Expr::Ident(name)) = n {
            uses_timers |= name == "setTimeout" || name == "clearTimeout";
        }
    });
    if uses_timers {
        return None;
    }
    let expected = serde_json::to_string(&reference.trace).unwrap();
    let description =
        case.divergence.as_ref().map(|d| d.key.clone()).unwrap_or_else(|| "tickdiff case".into());
    // A chain of empty reactions longer than the program's own job count
    // ends after every job the program can cause.
    let hops = reference_jobs + 2;
    Some(format!(
        r#"/*---
description: >
  Job order (tickdiff): {description}
info: |
  Minimized by tickdiff; the expected order is the tickdiff reference
  scheduler's model of ECMA-262 promise jobs.
flags: [async]
includes: [compareArray.js]
---*/
var __trace = [];
function log(label) {{ __trace.push(String(label)); }}
function queueMicrotask(cb) {{
  Promise.resolve().then(function () {{
    try {{ cb(); }} catch (e) {{ __trace.push('!uncaught'); }}
  }});
}}

{program}
var __done = Promise.resolve();
for (var __i = 0; __i < {hops}; __i++) __done = __done.then(function () {{}});
__done.then(function () {{
  assert.compareArray(__trace, {expected});
}}).then($DONE, $DONE);
"#,
        program = print_program(&case.program)
    ))
}
