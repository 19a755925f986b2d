// tickdiff's external-engine host: the part every engine shares.
//
// engines/external.rs runs one long-lived engine process per runner thread
// with a script made of three parts (see `assemble` there):
//   1. `"use strict"; const HOST_PRELUDE = "...";` -- the JavaScript that
//      defines the four host functions in a realm (engines/host.rs);
//   2. the engine's adapter (hosts/<engine>.js), which defines `SHELL`: the
//      few things that differ between engines (I/O, realms, the job queue);
//   3. this file, which runs the event loop of DESIGN.md §1 with virtual
//      time, one fresh realm per program, and speaks the line protocol.
// The script is strict from its first line: the host's frames are then
// censored in `caller` and in stack-trace APIs.
//
// The line protocol (ASCII only: the core escapes everything else):
//   requests, one JSON object per line from SHELL.serve:
//     {"id": n, "source": "...", "wallMs": 5000, "maxSteps": 100000,
//      "maxEvents": 100000, "maxLabelBytes": 65536, "maxTraceBytes": 16777216}
//   answers, one line each through SHELL.writeLine:
//     h{"hello":1,"version":"..."}     once, when the host is ready
//     e["label",task]  or  e["label",task,job]   each event, as it happens
//     a{"id":n,"status":"...","detail":null|"..."}   when the program is done
//   status: ok | timeout | parse-error | stack-overflow | output-limit | error.
// Events go out one by one, so that when the harness kills a program that
// runs away inside one task (it enforces the wall clock from outside), it
// keeps every event before the kill.
//
// The adapter contract (`const SHELL = {...}`):
//   name, version                  strings for the hello line
//   writeLine(s)                   write s and "\n" to the answer channel, unbuffered
//   serve(handle)                  call handle(line) for every request line until EOF
//   exit()                         end the process now (after an output limit)
//   now()                          milliseconds
//   newRealm()                     a fresh realm, an opaque handle
//   evaluate(r, source, isHost)    run `source` as a Script in realm r: its
//                                  completion value, or what it throws; a
//                                  source that does not compile throws
//                                  compileError(detail[, status]) instead.
//                                  isHost: the source is the host's own
//                                  (the same in every realm; may be cached)
//   call(r, f, args)               call realm function f with primitive args
//   native(r, fn)                  fn as a function the realm can call with
//                                  primitives, returning a primitive
//   drainJobs(r, onJob)            run r's job queue until empty (a microtask
//                                  checkpoint); onJob() before each job when
//                                  the engine lets the host run them one by one
//   countsJobs                     whether drainJobs calls onJob
//   shellGlobals                   non-standard names a new realm's global has
//                                  (print, readline, ...): removed before the
//                                  program runs; a realm where one cannot be
//                                  removed runs no program
// Optional: call and native default to plain calls (realm functions are
// callable from the host in every shell); shellGlobals to none.
//
// Containment: the host functions are closures made inside the realm (SETUP)
// around host natives that take and return primitives only; the host never
// reads a property of a value the program made; an exception escaping the
// program is recorded as `!uncaught` without being looked at.

const UNCAUGHT = '!uncaught';

// Every built-in the host uses, captured before any program runs (where an
// engine shares intrinsics between realms, a program may change them).
const H = {
  apply: Reflect.apply,
  stringify: JSON.stringify,
  parse: JSON.parse,
  replace: String.prototype.replace,
  test: RegExp.prototype.test,
  charCodeAt: String.prototype.charCodeAt,
  toString16: Number.prototype.toString,
  padStart: String.prototype.padStart,
  join: Array.prototype.join,
  WeakSet: WeakSet,
  weakAdd: WeakSet.prototype.add,
  weakHas: WeakSet.prototype.has,
};
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_SURROGATE = /[\ud800-\udfff]/;
const NON_ASCII = /[\u007f-\uffff]/g;

const compileErrors = new H.WeakSet();
// What SHELL.evaluate throws for a source that does not compile.
function compileError(detail, status) {
  const e = { detail: String(detail), status: status === 'stack-overflow' ? 'stack-overflow' : 'parse-error' };
  H.apply(H.weakAdd, compileErrors, [e]);
  return e;
}

// The harness's own reasons to stop a program. Told apart from what a
// program throws by WeakSet membership, which runs no program code (an
// `instanceof` would run a Proxy's getPrototypeOf trap, or throw on a revoked one).
const stops = new H.WeakSet();
class Stop {
  constructor(status, detail) {
    this.status = status;
    this.detail = detail;
    H.apply(H.weakAdd, stops, [this]);
  }
}
const isStop = (e) => H.apply(H.weakHas, stops, [e]);
const isCompileError = (e) => H.apply(H.weakHas, compileErrors, [e]);

function asciiJson(value) {
  const json = H.stringify(value);
  return H.apply(H.replace, json, [NON_ASCII, (c) =>
    '\\u' + H.apply(H.padStart, H.apply(H.toString16, H.apply(H.charCodeAt, c, [0]), [16]), [4, '0'])]);
}

// A label as the trace holds it: well formed (the prelude makes it so where
// the engine has toWellFormed; this is for those that do not).
function wellFormed(s) {
  return H.apply(H.test, ANY_SURROGATE, [s]) ? H.apply(H.replace, s, [LONE_SURROGATE, '\ufffd']) : s;
}

function utf8Length(s) {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = H.apply(H.charCodeAt, s, [i]);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) { n += 4; i++; }
    else n += 3;
  }
  return n;
}

// A binary min-heap of timers ordered by (due, id).
class TimerHeap {
  constructor() { this.items = []; this.size = 0; }
  static less(a, b) { return a.due < b.due || (a.due === b.due && a.id < b.id); }
  push(t) {
    const a = this.items;
    let i = this.size++;
    a[i] = t;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!TimerHeap.less(a[i], a[p])) break;
      const x = a[i]; a[i] = a[p]; a[p] = x;
      i = p;
    }
  }
  pop() {
    const a = this.items;
    const top = a[0];
    const n = --this.size;
    a[0] = a[n];
    a[n] = undefined;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1, r = l + 1;
      let m = i;
      if (l < n && TimerHeap.less(a[l], a[m])) m = l;
      if (r < n && TimerHeap.less(a[r], a[m])) m = r;
      if (m === i) break;
      const x = a[i]; a[i] = a[m]; a[m] = x;
      i = m;
    }
    return top;
  }
}

// Evaluated in every new realm, before the program: evaluates to a function
// that removes the shell's globals, installs the host functions around the
// natives and returns the one entry point the host calls afterwards:
// host(id) runs timer `id`. It returns the names of shell globals it could
// not remove (a string, empty when all are gone).
const SETUP = `(function (prelude, removals, nativeLog, nativeSetTimeout, nativeClearTimeout, nativeUncaught) {
  "use strict";
  const apply = Reflect.apply;
  const then = Promise.prototype.then;
  const RangeErrorCtor = RangeError;
  const fulfilled = Promise.resolve(undefined);
  Object.defineProperty(fulfilled, "constructor", { value: undefined });
  const thunks = Object.create(null);
  const left = [];
  for (const name of removals.split(",")) {
    if (name !== "" && !(delete globalThis[name] && !Object.prototype.hasOwnProperty.call(globalThis, name))) left.push(name);
  }
  // No FinalizationRegistry cleanup callback ever runs (engines/host.rs):
  // the constructor is a Proxy handing the real one a do-nothing callback
  // (the program's own argument when it is not callable, for its
  // TypeError); the handler has no prototype, so no program-made trap can
  // join it.
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
  // An engine may throw its host-realm stack-overflow error on entering a
  // native: the program sees its own realm's RangeError instead.
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
  // A host job: one reaction job on a private fulfilled promise, enqueued at
  // once, calling the callback; a throw is recorded as !uncaught, never a
  // rejection.
  const enqueue = (callback) => {
    apply(then, fulfilled, [function () {
      try { callback(); } catch (e) { try { nativeUncaught(); } catch (_) {} }
    }]);
  };
  prelude(log, setTimeout, clearTimeout, enqueue);
  const host = function (id) {
    const f = thunks[id];
    delete thunks[id];
    f();
  };
  host.left = left.join(",");
  return host;
})`;

const call = SHELL.call || ((r, f, args) => H.apply(f, undefined, args));
const native = SHELL.native || ((r, fn) => fn);
const removals = H.apply(H.join, SHELL.shellGlobals || [], [',']);

function runProgram(req) {
  const deadline = SHELL.now() + req.wallMs;
  let task = 0;
  let job = 0;
  let steps = 0;
  let now = 0;
  let nextId = 1;
  let events = 0;
  let traceBytes = 0;
  // The natives do nothing once the run is over.
  let alive = true;
  const heap = new TimerHeap();
  const pending = new Map(); // id -> timer

  const record = (label) => {
    const s = wellFormed(label);
    const bytes = utf8Length(s);
    // TraceBudget::admit (outcome.rs), in its order.
    let refused = null;
    if (events >= req.maxEvents) refused = `output limit: more than ${req.maxEvents} events`;
    else if (bytes > req.maxLabelBytes) refused = `output limit: a label of ${bytes} bytes (at most ${req.maxLabelBytes} per label)`;
    else if (traceBytes + bytes > req.maxTraceBytes) refused = `output limit: more than ${req.maxTraceBytes} bytes of labels`;
    if (refused !== null) {
      // Nothing stops a running program from outside it: answer and end
      // the process (the harness starts another).
      alive = false;
      SHELL.writeLine('a' + asciiJson({ id: req.id, status: 'output-limit', detail: refused }));
      SHELL.exit();
      throw new Stop('output-limit', refused);
    }
    events++;
    traceBytes += bytes;
    SHELL.writeLine('e' + asciiJson(SHELL.countsJobs ? [s, task, job] : [s, task]));
  };
  const step = () => {
    if (steps >= req.maxSteps) throw new Stop('timeout', `step limit: ${steps} tasks ran`);
    if (SHELL.now() >= deadline) throw new Stop('timeout', `wall-clock limit: ${req.wallMs} ms elapsed`);
    steps++;
  };
  const onJob = () => { job++; };

  let r;
  let host;
  try {
    r = SHELL.newRealm();
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
    const setup = SHELL.evaluate(r, SETUP, true);
    const prelude = SHELL.evaluate(r, HOST_PRELUDE, true);
    host = call(r, setup, [prelude, removals, native(r, nativeLog), native(r, nativeSetTimeout),
      native(r, nativeClearTimeout), native(r, nativeUncaught)]);
    const left = SHELL.leftOf ? SHELL.leftOf(r, host) : host.left;
    if (left !== '') return { status: 'error', detail: `host error: cannot remove the shell's globals ${left}` };
  } catch (e) {
    if (isStop(e)) return { status: e.status, detail: e.detail };
    return { status: 'error', detail: `host error: setting up the realm: ${describe(e)}` };
  }

  // Runs one task (the script, or a timer's callback), then the checkpoint.
  // An exception escaping the task is the program's: recorded, never looked at.
  const runTask = (f) => {
    job = 0;
    let threw = false;
    try { f(); } catch (e) {
      if (isStop(e)) throw e;
      if (isCompileError(e)) throw e;
      threw = true;
    }
    if (threw) record(UNCAUGHT);
    try {
      SHELL.drainJobs(r, onJob);
    } catch (e) {
      if (isStop(e)) throw e;
      throw new Stop('error', 'an exception escaped a microtask checkpoint');
    }
  };

  try {
    step();
    runTask(() => SHELL.evaluate(r, req.source, false));
    while (heap.size > 0) {
      const t = heap.pop();
      if (t.cleared) continue;
      pending.delete(t.id);
      step();
      now = t.due;
      task++;
      runTask(() => call(r, host, [t.id]));
    }
    return { status: 'ok', detail: null };
  } catch (e) {
    if (isStop(e)) return { status: e.status, detail: e.detail };
    if (isCompileError(e)) return { status: e.status, detail: e.detail };
    if (e instanceof RangeError) return { status: 'stack-overflow', detail: describe(e) };
    return { status: 'error', detail: `host error: ${describe(e)}` };
  } finally {
    alive = false;
  }
}

// Only for the host's own errors.
function describe(e) {
  try {
    return e instanceof Error ? `${e.name}: ${e.message}` : typeof e;
  } catch (_) {
    return 'an unprintable error';
  }
}

function handle(line) {
  if (line === '') return;
  const req = H.parse(line);
  let res;
  try {
    res = runProgram(req);
  } catch (e) {
    res = { status: 'error', detail: `host error: ${describe(e)}` };
  }
  SHELL.writeLine('a' + asciiJson({ id: req.id, status: res.status, detail: res.detail }));
}

SHELL.writeLine('h' + asciiJson({ hello: 1, version: String(SHELL.version || '') }));
SHELL.serve(handle);
