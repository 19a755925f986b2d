'use strict';
// tickdiff's node host (embedded in the harness with include_str!, run with
// `node -e`; the harness prepends `"use strict"; const HOST_PRELUDE = "...";`,
// the shared JavaScript that defines the four host functions, see
// engines/host.rs). The script must be strict from its first line: only
// then are its frames censored in V8's stack-trace API (`getFunction`,
// `getThis`) and `caller`.
//
// Channels (set up by engines/node.rs):
//   fd 0  requests, one JSON line each:
//         {"id": n, "source": "...", "wallMs": 5000, "maxSteps": 100000,
//          "maxEvents": 100000, "maxLabelBytes": 65536, "maxTraceBytes": 16777216}
//   fd 3  answers: first {"hello": 1}, then one line per request,
//         {"id": n, "status": "ok" | "timeout" | "parse-error" | "stack-overflow"
//                   | "output-limit" | "error",
//          "trace": [[label, task], ...], "detail": "..." | null}
//   fd 4  the partial-trace file (see below)
//   fd 1  /dev/null; fd 2 the harness's stderr reader (V8's OOM reports).
// A program has no outer object to write with anyway (see "The realm"), but
// even a program that could print would not reach the answers.
// Each program runs synchronously inside one stdin 'data' callback (answers
// are written with blocking writes); node's event loop only turns between
// programs (see main()). The host exits when its stdin closes.
//
// Wall clock: the host checks the deadline between tasks; code that runs
// away inside one evaluation (a loop, a microtask checkpoint that never
// empties) is stopped by the harness, which kills the process when no answer
// came within the limit. So that such a program still has its partial
// trace, every event is also written, as it happens, to fd 4 (truncated at
// the start of each program, first line {"id": n}, then one JSON
// [label, task] per line; a failed write ends it with the line "cut"): a
// plain write, which wakes nobody; the harness reads the file only after a
// kill. (vm's own `timeout` option would stop the evaluation here instead,
// but it starts and stops a watchdog thread on every evaluation: ~450 µs per
// program, more than the rest of the host.)
//
// Output caps (Limits::max_events, max_label_bytes, max_trace_bytes, the
// same checks in the same order as TraceBudget in outcome.rs; every event
// counts, `!uncaught` too, a label by its UTF-8 bytes): the event that would
// pass a cap is not recorded; the host answers "output-limit" with the events
// before it and exits at once (nothing can stop a running program from
// outside it; the harness starts a new process for the next program).
//
// The realm. Each program runs in a fresh vm context with its own microtask
// queue (`microtaskMode: 'afterEvaluate'`): after every evaluation in that
// context V8 drains the context's queue, i.e. performs the microtask
// checkpoint. What the realm shares with the outer (host) world:
// * node >= 22.8 (`vm.constants.DONT_CONTEXTIFY`): its global object is an
//   ordinary V8 global built inside the context; no outer object at all.
// * node 20 - 22.7: the global is node's "contextified" global, whose named
//   properties live on a sandbox object made in the outer realm. The sandbox
//   is `Object.create(null)`: no prototype, no properties of ours, not
//   callable, so no outer function or intrinsic is reachable from it. A
//   program can get hold of it (it is the receiver of an accessor the
//   program defines on globalThis and then assigns through), but it holds
//   only what the program put on the global. (With the old `{}` sandbox,
//   `this.constructor` was the outer `Object`, hence `process`.)
// * Every node: the symbol registry (`Symbol.for`, agent-wide by the spec;
//   symbols are primitives); node's unhandled-rejection bookkeeping, which
//   holds the realm's rejected promises and, as one is rejected, reads two
//   of node's own symbol-keyed properties (async ids) off it (a program
//   that put a Proxy or getter in Promise.prototype's chain sees those
//   reads: its own promise as receiver, node's symbols as keys); and V8's
//   stack-trace hook, which reads `Error.prepareStackTrace` of the realm and
//   passes it call sites made in the realm (the host's frames, all strict,
//   show no function and no receiver). A FinalizationRegistry callback of a
//   finished program may run between programs; its host functions are dead
//   by then (they record nothing).
// The host functions are defined by evaluating JavaScript inside the realm
// (SETUP and HOST_PRELUDE); the outer functions they call (natives below) are
// held only in those in-realm closures, take only primitives, return only
// numbers or undefined, and never throw on purpose; what V8 may throw on
// entering one (a stack overflow, an outer-realm RangeError) is caught in the
// realm and replaced by the realm's own RangeError. Timer callbacks stay in
// the realm (the host only sees their ids). The host never reads a property
// of, nor inspects, any value the program made: an exception escaping the
// program is recorded as `!uncaught` without looking at it. Dynamic
// `import()` is refused by a callback that throws the realm's own TypeError
// (node's default would reject with an outer-realm error). `console` and
// `WebAssembly` are removed; code generation from strings is allowed (eval),
// from wasm not.
//
// queueMicrotask: a vm realm has no queueMicrotask of its own, and node's
// enqueues into the main realm's queue. The realm's version calls the realm's
// own intrinsic `then` (captured before the script runs) on a private, already
// fulfilled promise whose `constructor` is undefined (so no user-visible
// species lookup happens): that enqueues exactly one PromiseReactionJob, at
// once, on the realm's queue -- the same single job at the same position as a
// host microtask. The job calls the callback inside try/catch and records
// `!uncaught` if it throws, so it never becomes a rejection.
//
// Defence in depth: node.rs starts this process under node's permission
// model with no permission granted (no file system, child processes,
// workers, addons, inspector, WASI; `process.binding` is denied), with fds 3
// and 4 already open, so it needs none.

if ((function () { return this; })() !== undefined) {
  throw new Error('tickdiff node host: the host script must be strict');
}

const vm = require('vm');
const fs = require('fs');

const ANSWERS_FD = 3;
const TRACE_FD = 4;
const UNCAUGHT = '!uncaught';
const DONT_CONTEXTIFY = vm.constants ? vm.constants.DONT_CONTEXTIFY : undefined;

// Evaluated in every new realm, before the program; evaluates to a function
// that installs the host functions around the natives and returns the one
// entry point the host calls afterwards: host(0, id) runs timer `id`,
// host(1) makes the realm's TypeError for a refused import().
const SETUP = `(function (prelude, nativeLog, nativeSetTimeout, nativeClearTimeout, nativeUncaught) {
  "use strict";
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const RangeErrorCtor = RangeError;
  const TypeErrorCtor = TypeError;
  const fulfilled = Promise.resolve(undefined);
  Object.defineProperty(fulfilled, "constructor", { value: undefined });
  const thunks = Object.create(null);
  delete globalThis.console;
  delete globalThis.WebAssembly;
  // No FinalizationRegistry cleanup callback ever runs (engines/host.rs):
  // V8 would post it as a task, run between programs. As in QuickJS's host,
  // the constructor is a Proxy handing the real one a do-nothing callback
  // (the program's own argument when it is not callable, for its TypeError);
  // the handler has no prototype, so no program-made trap can join it.
  const Registry = globalThis.FinalizationRegistry;
  if (typeof Registry === "function") {
    const construct = Reflect.construct;
    const noop = () => {};
    const handler = Object.create(null);
    handler.construct = (target, args, newTarget) =>
      construct(target, typeof args[0] === "function" ? [noop] : args, newTarget);
    const wrapped = new Proxy(Registry, handler);
    Registry.prototype.constructor = wrapped;
    globalThis.FinalizationRegistry = wrapped;
  }
  // V8 may throw its (outer-realm) stack-overflow error on entering a native.
  const overflow = () => new RangeErrorCtor("Maximum call stack size exceeded");
  const log = (label) => {
    try { nativeLog(label); } catch (_) { throw overflow(); }
  };
  const setTimeout = (thunk, delay) => {
    let id;
    try { id = nativeSetTimeout(thunk !== undefined, delay); } catch (_) { throw overflow(); }
    if (thunk !== undefined) thunks[id] = thunk;
    return id;
  };
  const clearTimeout = (id) => {
    try { nativeClearTimeout(id); } catch (_) { throw overflow(); }
    delete thunks[id];
  };
  const enqueue = (callback) => {
    apply(then, fulfilled, [function () {
      try { callback(); } catch (e) { try { nativeUncaught(); } catch (_) {} }
    }]);
  };
  prelude(log, setTimeout, clearTimeout, enqueue);
  return function host(what, id) {
    if (what === 1) return new TypeErrorCtor("import() is not supported");
    const f = thunks[id];
    delete thunks[id];
    f();
  };
})`;

const setupScript = new vm.Script(SETUP, { filename: 'tickdiff-setup.js' });
const preludeScript = new vm.Script(HOST_PRELUDE, { filename: 'tickdiff-prelude.js' });
const checkpointScript = new vm.Script('undefined', { filename: 'tickdiff-checkpoint.js' });

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

// A binary min-heap of timers ordered by (due, id).
class TimerHeap {
  constructor() { this.items = []; }
  static less(a, b) { return a.due < b.due || (a.due === b.due && a.id < b.id); }
  get size() { return this.items.length; }
  push(t) {
    const a = this.items;
    a.push(t);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!TimerHeap.less(a[i], a[p])) break;
      [a[i], a[p]] = [a[p], a[i]];
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < a.length && TimerHeap.less(a[l], a[m])) m = l;
        if (r < a.length && TimerHeap.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

class Stop extends Error {
  constructor(status, detail) { super(detail); this.status = status; this.detail = detail; }
}

function newRealm() {
  const options = { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: false } };
  const sandbox = DONT_CONTEXTIFY !== undefined ? DONT_CONTEXTIFY : Object.create(null);
  return vm.createContext(sandbox, options);
}

function runProgram(req) {
  const deadline = nowMs() + req.wallMs;
  const maxSteps = req.maxSteps;
  const trace = [];
  let task = 0;
  let steps = 0;
  let now = 0;
  let nextId = 1;
  let events = 0;
  let traceBytes = 0;
  // The natives do nothing once the run is over (a FinalizationRegistry
  // callback of this program may still call them later).
  let alive = true;
  const heap = new TimerHeap();
  const pending = new Map(); // id -> timer

  fs.ftruncateSync(TRACE_FD, 0);
  let tracePos = fs.writeSync(TRACE_FD, `{"id":${req.id}}\n`, 0);
  let traceFileOk = true;
  const record = (label) => {
    const bytes = Buffer.byteLength(label);
    // TraceBudget::admit, in its order.
    let refused = null;
    if (events >= req.maxEvents) refused = `output limit: more than ${req.maxEvents} events`;
    else if (bytes > req.maxLabelBytes) refused = `output limit: a label of ${bytes} bytes (at most ${req.maxLabelBytes} per label)`;
    else if (traceBytes + bytes > req.maxTraceBytes) refused = `output limit: more than ${req.maxTraceBytes} bytes of labels`;
    if (refused !== null) {
      alive = false;
      writeLine({ id: req.id, status: 'output-limit', trace, detail: refused });
      process.exit(0);
    }
    events++;
    traceBytes += bytes;
    trace.push([label, task]);
    if (traceFileOk) {
      // A failed write (a full /dev/shm) must not become an exception in the
      // program: the file is only cut short.
      const line = JSON.stringify([label, task]) + '\n';
      let written = -1;
      try { written = fs.writeSync(TRACE_FD, line, tracePos); } catch (_) {}
      if (written === Buffer.byteLength(line)) {
        tracePos += written;
      } else {
        try { fs.writeSync(TRACE_FD, '\n"cut"\n', tracePos); } catch (_) {}
        traceFileOk = false;
      }
    }
  };

  const step = () => {
    if (steps >= maxSteps) throw new Stop('timeout', `step limit: ${steps} tasks ran`);
    if (nowMs() >= deadline) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
    steps++;
  };
  const checkpoint = (ctx) => {
    try {
      checkpointScript.runInContext(ctx, { displayErrors: false });
    } catch (_) {
      throw new Stop('error', 'an exception escaped a microtask checkpoint');
    }
  };
  // Runs `f` (an evaluation in the realm), then the checkpoint; an exception
  // escaping `f` is the program's: recorded, never looked at.
  const evaluate = (f, ctx) => {
    let threw = false;
    try { f(); } catch (_) { threw = true; }
    if (threw) record(UNCAUGHT);
    checkpoint(ctx);
  };

  let host;
  let script;
  try {
    script = new vm.Script(req.source, {
      filename: 'program.js',
      importModuleDynamically: () => { throw host(1); },
    });
  } catch (e) {
    // A compile error: an object of this (outer) realm, made by V8.
    const message = e instanceof Error ? String(e.message) : 'compile error';
    const d = `${e instanceof Error ? e.name : 'Error'}: ${message}`;
    if (/Maximum call stack size exceeded/.test(message)) return { status: 'stack-overflow', trace, detail: d };
    return { status: 'parse-error', trace, detail: d };
  }

  try {
    const ctx = newRealm();
    const nativeLog = (label) => {
      if (alive && typeof label === 'string') record(label);
    };
    const nativeSetTimeout = (hasThunk, delay) => {
      if (!alive) return 0;
      const id = nextId++;
      if (hasThunk === true && typeof delay === 'number') {
        const t = { id, due: now + delay, cleared: false };
        heap.push(t);
        pending.set(id, t);
      }
      return id;
    };
    const nativeClearTimeout = (id) => {
      const t = pending.get(id);
      if (t !== undefined) { t.cleared = true; pending.delete(id); }
    };
    const nativeUncaught = () => {
      if (alive) record(UNCAUGHT);
    };
    host = setupScript.runInContext(ctx)(
      preludeScript.runInContext(ctx), nativeLog, nativeSetTimeout, nativeClearTimeout, nativeUncaught);

    step();
    // The script's own evaluation ends with the checkpoint; `evaluate`'s is
    // then a no-op, or the one the throw skipped.
    // displayErrors: node would read (and rewrite) the `stack` of a thrown
    // program value; the host must not touch it.
    evaluate(() => script.runInContext(ctx, { displayErrors: false }), ctx);
    while (heap.size > 0) {
      const t = heap.pop();
      if (t.cleared) continue;
      pending.delete(t.id);
      step();
      now = t.due;
      task++;
      evaluate(() => host(0, t.id), ctx);
    }
    return { status: 'ok', trace, detail: null };
  } catch (e) {
    // Only the host's own exceptions get here (Stop, or a host failure).
    if (e instanceof Stop) return { status: e.status, trace, detail: e.detail };
    if (e instanceof RangeError) return { status: 'stack-overflow', trace, detail: String(e.message) };
    return { status: 'error', trace, detail: `host error: ${e instanceof Error ? e.stack : typeof e}` };
  } finally {
    alive = false;
  }
}

// --- the line protocol ---
function writeLine(obj) {
  const buf = Buffer.from(JSON.stringify(obj) + '\n');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(ANSWERS_FD, buf, off);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
    }
  }
}

// Requests are read with node's own stream machinery so that node's event
// loop turns between programs: node keeps every promise rejected without a
// handler (in any realm) in a list it only drains when it processes ticks,
// which never happens in a purely synchronous loop -- the list would hold every
// program's realm alive until the process runs out of heap. With
// `--unhandled-rejections=none` (set by the harness) draining it is silent.
function main() {
  writeLine({ hello: 1 });
  let pending = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk) => {
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      if (line.trim() === '') continue;
      const req = JSON.parse(line);
      let res;
      try {
        res = runProgram(req);
      } catch (e) {
        res = { status: 'error', trace: [], detail: `host error: ${e instanceof Error ? e.stack : typeof e}` };
      }
      res.id = req.id;
      writeLine(res);
    }
  });
  // No more requests (the harness closed the pipe, or died): exit even idle.
  process.stdin.on('end', () => process.exit(0));
  process.stdin.on('error', () => process.exit(0));
}

main();
