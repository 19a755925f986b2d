// tickdiff's node host (embedded in the harness with include_str!, run with
// `node -e`; the harness prepends `const HOST_PRELUDE = "...";`, the shared
// JavaScript that defines the four host functions, see engines/host.rs).
//
// Protocol: after starting, one line {"hello": 1} on stdout; then one JSON
// request per line on stdin,
//   {"id": n, "source": "...", "wallMs": 5000, "maxSteps": 100000}
// and one JSON response per line on stdout,
//   {"id": n, "status": "ok" | "timeout" | "parse-error" | "stack-overflow" | "error",
//    "trace": [[label, task], ...], "detail": "..." | null}.
// Each program runs synchronously inside one stdin 'data' callback (answers
// are written with blocking writes to fd 1); node's event loop only turns
// between programs (see main()).
//
// Wall clock: the host checks the deadline between tasks; code that runs
// away inside one evaluation (a loop, a microtask checkpoint that never
// empties) is stopped by the harness, which kills the process when no answer
// came within the limit. So that such a program still has its partial
// trace, every event is also written, as it happens, to the trace file
// named by $TICKDIFF_NODE_TRACE (truncated at the start of each program,
// first line {"id": n}, then one JSON [label, task] per line, at most
// TRACE_FILE_CAP bytes of them, then the line "cut"): a plain file
// write, which wakes nobody; the harness reads the file only after a kill.
// (vm's own `timeout` option would stop the evaluation here instead, but it
// starts and stops a watchdog thread on every evaluation: ~450 µs per
// program, more than the rest of the host.)
//
// Each program runs in a fresh `vm.createContext()` realm with its own
// microtask queue (`microtaskMode: 'afterEvaluate'`): after every evaluation
// in that context (the script, a timer's task) V8 drains the context's queue,
// i.e. performs the microtask checkpoint.
// The host functions are defined by evaluating JavaScript inside the realm;
// the only outer-realm functions it ever sees are the plain recording and
// timer callbacks below, which return nothing or numbers, never promises.
//
// queueMicrotask: a vm realm has no queueMicrotask of its own, and node's
// enqueues into the main realm's queue. The realm's version calls the realm's
// own intrinsic `then` (captured before the script runs) on a private, already
// fulfilled promise whose `constructor` is undefined (so no user-visible
// species lookup happens): that enqueues exactly one PromiseReactionJob, at
// once, on the realm's queue -- the same single job at the same position as a
// host microtask. The job calls the callback inside try/catch and records
// `!uncaught` if it throws, so it never becomes a rejection.
'use strict';

const vm = require('vm');
const fs = require('fs');
const { isProxy } = require('util').types;

const UNCAUGHT = '!uncaught';
const HOST_NAME = '__tickdiff_host_7c1e9a';

// Evaluated in every new realm, before the program. Its completion value is the
// host's in-realm helper object; the lexical binding lets the timer script
// below reach it without a global property (`Object.keys(globalThis)` and
// friends cannot see lexical bindings).
const SETUP = `const ${HOST_NAME} = (function () {
  "use strict";
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const fulfilled = Promise.resolve(undefined);
  Object.defineProperty(fulfilled, "constructor", { value: undefined });
  let current;
  delete globalThis.console;
  delete globalThis.WebAssembly;
  return Object.freeze({
    setCurrent(f) { current = f; },
    runTimer() { const f = current; current = undefined; f(); },
    enqueuer(uncaught) {
      return function enqueue(callback) {
        apply(then, fulfilled, [function () {
          try { callback(); } catch (e) { uncaught(); }
        }]);
      };
    },
  });
})();
${HOST_NAME}`;

const setupScript = new vm.Script(SETUP, { filename: 'tickdiff-setup.js' });
const preludeScript = new vm.Script(HOST_PRELUDE, { filename: 'tickdiff-prelude.js' });
const timerScript = new vm.Script(`${HOST_NAME}.runTimer();`, { filename: 'tickdiff-timer.js' });
const checkpointScript = new vm.Script('undefined', { filename: 'tickdiff-checkpoint.js' });

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

// The trace file (see the header). A runaway program that logs in a loop
// would fill it (it lives in memory, in /dev/shm): past TRACE_FILE_CAP bytes
// the host writes the line "cut" and no more events.
const traceFd = fs.openSync(process.env.TICKDIFF_NODE_TRACE, 'w');
const TRACE_FILE_CAP = 16 << 20;

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

function describe(e) {
  try {
    if (typeof e === 'object' && e !== null && !isProxy(e)) {
      const d = Object.getOwnPropertyDescriptor(e, 'message');
      const n = e.constructor && Object.getOwnPropertyDescriptor(e.constructor, 'name');
      return `${n && typeof n.value === 'string' ? n.value : 'Error'}: ${d && typeof d.value === 'string' ? d.value : ''}`;
    }
    return typeof e;
  } catch (_) {
    return 'exception';
  }
}

function runProgram(req) {
  const deadline = nowMs() + req.wallMs;
  const maxSteps = req.maxSteps;
  const trace = [];
  let task = 0;
  let steps = 0;
  let now = 0;
  let nextId = 1;
  const heap = new TimerHeap();
  const pending = new Map(); // id -> timer

  fs.ftruncateSync(traceFd, 0);
  let tracePos = fs.writeSync(traceFd, `{"id":${req.id}}\n`, 0);
  const record = (label) => {
    trace.push([label, task]);
    if (tracePos < TRACE_FILE_CAP) {
      // A failed write (a full /dev/shm) must not become an exception in the
      // program: the file is only cut short.
      const line = JSON.stringify([label, task]) + '\n';
      let written = -1;
      try { written = fs.writeSync(traceFd, line, tracePos); } catch (_) {}
      if (written === Buffer.byteLength(line)) tracePos += written;
      if (written !== Buffer.byteLength(line) || tracePos >= TRACE_FILE_CAP) {
        try { fs.writeSync(traceFd, '\n"cut"\n', tracePos); } catch (_) {}
        tracePos = TRACE_FILE_CAP;
      }
    }
  };

  const step = () => {
    if (steps >= maxSteps) throw new Stop('timeout', `step limit: ${steps} tasks ran`);
    if (nowMs() >= deadline) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
    steps++;
  };
  // Runs `script` in the realm; returns normally, or records an uncaught
  // exception.
  const evaluate = (script, ctx) => {
    try {
      script.runInContext(ctx);
    } catch (e) {
      if (e instanceof Stop) throw e;
      record(UNCAUGHT);
      // The throw skipped the checkpoint that follows a normal evaluation.
      checkpoint(ctx);
    }
  };
  const checkpoint = (ctx) => {
    try {
      checkpointScript.runInContext(ctx);
    } catch (e) {
      if (e instanceof Stop) throw e;
      throw new Stop('error', `exception escaped a microtask checkpoint: ${describe(e)}`);
    }
  };

  let script;
  try {
    script = new vm.Script(req.source, { filename: 'program.js' });
  } catch (e) {
    const d = describe(e);
    if (/Maximum call stack size exceeded/.test(d)) return { status: 'stack-overflow', trace, detail: d };
    return { status: 'parse-error', trace, detail: d };
  }

  try {
    const ctx = vm.createContext({}, {
      microtaskMode: 'afterEvaluate',
      codeGeneration: { strings: true, wasm: false },
    });
    const host = setupScript.runInContext(ctx);
    const prelude = preludeScript.runInContext(ctx);
    const nativeLog = (label) => { record(label); };
    const nativeSetTimeout = (thunk, delay) => {
      const id = nextId++;
      if (typeof thunk === 'function') {
        const t = { id, due: now + delay, thunk, cleared: false };
        heap.push(t);
        pending.set(id, t);
      }
      return id;
    };
    const nativeClearTimeout = (id) => {
      const t = pending.get(id);
      if (t !== undefined) { t.cleared = true; pending.delete(id); }
    };
    const uncaught = () => { record(UNCAUGHT); };
    prelude(nativeLog, nativeSetTimeout, nativeClearTimeout, host.enqueuer(uncaught));

    step();
    evaluate(script, ctx);
    while (heap.size > 0) {
      const t = heap.pop();
      if (t.cleared) continue;
      pending.delete(t.id);
      step();
      now = t.due;
      task++;
      host.setCurrent(t.thunk);
      evaluate(timerScript, ctx);
    }
    return { status: 'ok', trace, detail: null };
  } catch (e) {
    if (e instanceof Stop) return { status: e.status, trace, detail: e.detail };
    if (e instanceof RangeError) return { status: 'stack-overflow', trace, detail: String(e && e.message) };
    return { status: 'error', trace, detail: `host error: ${e && e.stack}` };
  }
}

// --- the line protocol ---
function writeLine(obj) {
  const buf = Buffer.from(JSON.stringify(obj) + '\n');
  let off = 0;
  while (off < buf.length) {
    try {
      off += fs.writeSync(1, buf, off);
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
        res = { status: 'error', trace: [], detail: `host error: ${e && e.stack}` };
      }
      res.id = req.id;
      writeLine(res);
    }
  });
  process.stdin.on('end', () => process.exit(0));
}

main();
