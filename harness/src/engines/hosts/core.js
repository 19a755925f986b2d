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
//   status: ok | timeout | parse-error | stack-overflow | output-limit | error,
//           and for lowering backends unsupported | lowering-error, or
//           lowered (detail: the lowered text) for {"lowerOnly": true}.
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
//   deferJobs                      true where no JavaScript can run the job
//                                  queue, only the engine's own loop once the
//                                  host returns to it (XS): then handle(line)
//                                  returns an iterator, which serve resumes
//                                  (with a captured %GeneratorPrototype%.next)
//                                  after each checkpoint until it is done;
//                                  drainJobs is never called
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
// Where an engine's realms share their intrinsics with the host (XS), a
// program can change a prototype the host's own values inherit from, so the
// host's operations on them run no inherited code: its objects are made
// with literals (no inherited setter runs), its tables have no prototype,
// its lines are built by hand (JSON.stringify sees strings only: it looks
// up `toJSON` on objects), and every built-in it calls is captured in H.

const UNCAUGHT = '!uncaught';

// Every built-in the host uses, captured before any program runs (where an
// engine shares intrinsics between realms, a program may change them).
const H = {
  apply: Reflect.apply,
  stringify: JSON.stringify,
  parse: JSON.parse,
  charCodeAt: String.prototype.charCodeAt,
  charAt: String.prototype.charAt,
  toString16: Number.prototype.toString,
  padStart: String.prototype.padStart,
  join: Array.prototype.join,
  WeakSet: WeakSet,
  weakAdd: WeakSet.prototype.add,
  weakHas: WeakSet.prototype.has,
  next: Object.getPrototypeOf(function* () {}).prototype.next,
  create: Object.create,
  getOwn: Reflect.getOwnPropertyDescriptor,
  encodeURIComponent: encodeURIComponent,
  unescape: unescape,
  split: String.prototype.split,
  symbolSplit: Symbol.split,
  ObjectProto: Object.prototype,
  StringProto: String.prototype,
};
const COUNTS_JOBS = SHELL.countsJobs === true;
const DEFER_JOBS = SHELL.deferJobs === true;

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
// (Fields, so that the constructor's assignments find own properties and
// run no inherited setter.)
const stops = new H.WeakSet();
class Stop {
  status = '';
  detail = '';
  constructor(status, detail) {
    this.status = status;
    this.detail = detail;
    H.apply(H.weakAdd, stops, [this]);
  }
}
const isStop = (e) => H.apply(H.weakHas, stops, [e]);
const isCompileError = (e) => H.apply(H.weakHas, compileErrors, [e]);

// The UTF-8 length of well-formed string s, natively (reading a string
// code unit by code unit is quadratic in XS, whose strings are UTF-8).
function utf8Length(s) {
  return H.unescape(H.encodeURIComponent(s)).length;
}

// Whether s has no lone surrogate (encodeURIComponent throws on one).
function isWellFormed(s) {
  try {
    H.encodeURIComponent(s);
    return true;
  } catch (_) {
    return false;
  }
}

// The code units of s, one string each, in an array-like of its own:
// natively, unless String.prototype.split would run program code (it looks
// up its separator's Symbol.split, which a program can define where realms
// share intrinsics); else one by one. (Indexing a string is linear in XS,
// whose strings are UTF-8 inside: going through s by index is quadratic.)
function codeUnits(s) {
  if (H.getOwn(H.StringProto, H.symbolSplit) === undefined &&
    H.getOwn(H.ObjectProto, H.symbolSplit) === undefined) {
    return H.apply(H.split, s, ['']);
  }
  const units = H.create(null);
  units.length = s.length;
  for (let i = 0; i < units.length; i++) units[i] = H.apply(H.charAt, s, [i]);
  return units;
}
const unitCode = (unit) => H.apply(H.charCodeAt, unit, [0]);
const joinUnits = (units) => H.apply(H.join, units, ['']);

// A label as the trace holds it: well formed, each lone surrogate replaced
// by U+FFFD (the prelude makes it so where the engine has toWellFormed;
// this is for those that do not).
function wellFormed(s) {
  if (isWellFormed(s)) return s;
  const units = codeUnits(s);
  for (let i = 0; i < units.length; i++) {
    const c = unitCode(units[i]);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < units.length) {
      const d = unitCode(units[i + 1]);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
    }
    if (c >= 0xd800 && c <= 0xdfff) units[i] = '\ufffd';
  }
  return joinUnits(units);
}

// String s as a JSON string literal, ASCII only: JSON.stringify's, with
// every code unit from U+0080 written \uXXXX.
function jsonString(s) {
  const json = H.stringify(s);
  if (isWellFormed(json) && utf8Length(json) === json.length) return json;
  const units = codeUnits(json);
  for (let i = 0; i < units.length; i++) {
    const c = unitCode(units[i]);
    if (c >= 0x80) units[i] = '\\u' + H.apply(H.padStart, H.apply(H.toString16, c, [16]), [4, '0']);
  }
  return joinUnits(units);
}

// A binary min-heap of timers ordered by (due, id), in a table without a
// prototype.
function timerHeap() {
  const a = H.create(null);
  let n = 0;
  const less = (x, y) => x.due < y.due || (x.due === y.due && x.id < y.id);
  const swap = (i, j) => { const x = a[i]; a[i] = a[j]; a[j] = x; };
  return {
    size: () => n,
    push(t) {
      let i = n++;
      a[i] = t;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!less(a[i], a[p])) break;
        swap(i, p);
        i = p;
      }
    },
    pop() {
      const top = a[0];
      n--;
      a[0] = a[n];
      delete a[n];
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < n && less(a[l], a[m])) m = l;
        if (r < n && less(a[r], a[m])) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
      return top;
    },
  };
}

// The protocol's lines.
const helloLine = (version) => `h{"hello":1,"version":${jsonString(version)}}`;
const eventLine = (label, task, job) =>
  COUNTS_JOBS ? `e[${jsonString(label)},${task},${job}]` : `e[${jsonString(label)},${task}]`;
const answerLine = (id, status, detail) =>
  `a{"id":${id},"status":${jsonString(status)},"detail":${typeof detail === 'string' ? jsonString(detail) : 'null'}}`;

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

// A generator, so that where the engine performs microtask checkpoints
// itself (SHELL.deferJobs) the run can stop at each one and be resumed
// after it; elsewhere it runs to its end without stopping.
// Set by an adapter when the running program used something the engine's
// host cannot run exactly (node's import(), whose promise settles in node's
// own job queue, outside the realm's): the run then ends `unsupported`,
// naming it, whatever its trace looked like.
let unsupported = null;
function unsupportedFeature(what) {
  if (unsupported === null) unsupported = String(what);
}

function* runProgram(req) {
  unsupported = null;
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
  const heap = timerHeap();
  const pending = H.create(null); // id -> timer

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
      SHELL.writeLine(answerLine(req.id, 'output-limit', refused));
      SHELL.exit();
      throw new Stop('output-limit', refused);
    }
    events++;
    traceBytes += bytes;
    SHELL.writeLine(eventLine(s, task, job));
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
        pending[id] = t;
      }
      return id;
    };
    const nativeClearTimeout = (id) => {
      const t = pending[id];
      if (t !== undefined) { t.cleared = true; delete pending[id]; }
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

  // Runs one task (the script, or a timer's callback). An exception
  // escaping the task is the program's: recorded, never looked at.
  const runTask = (f) => {
    job = 0;
    let threw = false;
    try { f(); } catch (e) {
      if (isStop(e)) throw e;
      if (isCompileError(e)) throw e;
      threw = true;
    }
    if (threw) record(UNCAUGHT);
  };
  // The microtask checkpoint after a task, where the host can perform it.
  const checkpoint = () => {
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
    if (DEFER_JOBS) yield; else checkpoint();
    while (heap.size() > 0) {
      const t = heap.pop();
      if (t.cleared) continue;
      delete pending[t.id];
      step();
      now = t.due;
      task++;
      runTask(() => call(r, host, [t.id]));
      if (DEFER_JOBS) yield; else checkpoint();
    }
    if (unsupported !== null) return { status: 'unsupported', detail: `unsupported: ${unsupported}` };
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

// One request, as a generator like runProgram's (which it drives with the
// captured `next`: `yield*` would look up the iterator's methods, which a
// program can replace where realms share intrinsics).
function* handleSteps(req) {
  let res;
  try {
    const run = runProgram(req);
    for (;;) {
      const step = H.apply(H.next, run, []);
      if (step.done) {
        res = step.value;
        break;
      }
      yield;
    }
  } catch (e) {
    res = { status: 'error', detail: `host error: ${describe(e)}` };
  }
  SHELL.writeLine(answerLine(req.id, res.status, res.detail));
}

// Handles one request line. With SHELL.deferJobs: returns the request's
// iterator (undefined for an empty line), which SHELL.serve resumes with
// `next` after each checkpoint until it is done; else runs it to its end.
function handle(line) {
  if (line === '') return undefined;
  const req = H.parse(line);
  if (LOWER !== null) return lowerThenRun(req);
  return runRequest(req);
}

function runRequest(req) {
  const steps = handleSteps(req);
  if (DEFER_JOBS) return steps;
  H.apply(H.next, steps, []);
  return undefined;
}

// Lowering backends (hosts/lowering.js, node only): the source is lowered
// in the host's realm before the program's realm is made; a lowering that
// cannot express the program, or a transpiler that fails, is the answer.
// A request with `"lowerOnly": true` only lowers: its answer is the text.
// An asynchronous transpiler (esbuild-wasm) lowers in the host's own event
// loop, one request after another, in order.
const LOWER = typeof LOWERING === 'undefined' ? null : LOWERING;
let lowered = null;
function lowerThenRun(req) {
  const run = (l) => {
    if (req.lowerOnly === true) {
      // The harness wants the lowered text itself (for repro files): it is
      // the answer's detail, status `lowered`; nothing runs.
      const done = typeof l.source === 'string';
      SHELL.writeLine(answerLine(req.id, done ? 'lowered' : l.status, done ? l.source : l.detail));
    } else if (typeof l.source === 'string') {
      req.source = l.source;
      runRequest(req);
    } else {
      SHELL.writeLine(answerLine(req.id, l.status, l.detail));
    }
  };
  if (!LOWER.async) {
    run(LOWER.lower(req.source));
    return undefined;
  }
  const failed = (e) => ({ status: 'lowering-error', detail: `host error while lowering: ${describe(e)}` });
  lowered = (lowered === null ? Promise.resolve() : lowered)
    .then(() => LOWER.lower(req.source))
    .then(run, (e) => run(failed(e)));
  return undefined;
}

function start() {
  SHELL.writeLine(helloLine(String(SHELL.version || '')));
  SHELL.serve(handle);
}
if (LOWER !== null && LOWER.ready) LOWER.ready.then(start, start);
else start();
