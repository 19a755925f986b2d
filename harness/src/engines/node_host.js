// tickdiff's node host (embedded in the harness with include_str!, run with
// `node -e`; the harness prepends `const HOST_PRELUDE = "...";`, the shared
// JavaScript that defines the four host functions, see engines/host.rs).
//
// Protocol: one JSON request per line on stdin,
//   {"id": n, "source": "...", "wallMs": 5000, "maxSteps": 100000}
// and one JSON response per line on stdout,
//   {"id": n, "status": "ok" | "timeout" | "parse-error" | "stack-overflow" | "error",
//    "trace": [[label, task], ...], "detail": "..." | null}.
// Each program runs synchronously inside one stdin 'data' callback (answers
// are written with blocking writes to fd 1); node's event loop only turns
// between programs (see main()).
//
// Each program runs in a fresh `vm.createContext()` realm with its own
// microtask queue (`microtaskMode: 'afterEvaluate'`): after every evaluation
// in that context (the script, a timer's task) V8 drains the context's queue,
// i.e. performs the microtask checkpoint, inside the same `timeout` scope.
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

// Is `e` node's own "script execution timed out" error (and not something the
// program threw)? Node creates it in the realm, so `instanceof` cannot tell;
// look at its own `code` data property without running program code (no
// proxies, no getters).
function isTimeoutError(e) {
  if (typeof e !== 'object' || e === null || isProxy(e)) return false;
  const d = Object.getOwnPropertyDescriptor(e, 'code');
  return d !== undefined && d.value === 'ERR_SCRIPT_EXECUTION_TIMEOUT';
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

  const remaining = () => {
    const left = deadline - nowMs();
    if (left <= 0) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
    return Math.max(1, Math.ceil(left));
  };
  const step = () => {
    if (steps >= maxSteps) throw new Stop('timeout', `step limit: ${steps} tasks ran`);
    steps++;
  };
  // Runs `script` in the realm; returns normally, or records an uncaught
  // exception; throws Stop on a timeout.
  const evaluate = (script, ctx) => {
    try {
      script.runInContext(ctx, { timeout: remaining(), breakOnSigint: false });
    } catch (e) {
      if (e instanceof Stop) throw e;
      if (isTimeoutError(e)) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
      trace.push([UNCAUGHT, task]);
      // The throw skipped the checkpoint that follows a normal evaluation.
      checkpoint(ctx);
    }
  };
  const checkpoint = (ctx) => {
    try {
      checkpointScript.runInContext(ctx, { timeout: remaining(), breakOnSigint: false });
    } catch (e) {
      if (e instanceof Stop) throw e;
      if (isTimeoutError(e)) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
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
    const nativeLog = (label) => { trace.push([label, task]); };
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
    const uncaught = () => { trace.push([UNCAUGHT, task]); };
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
