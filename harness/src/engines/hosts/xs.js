// tickdiff's adapter for Moddable's XS: the `xsnap-worker` of the npm
// package @agoric/xsnap 0.15.0 (XS 13.3.0), built from the C sources the
// package ships (`tickdiff engines install xs`: `npm pack` of the package
// alone, then the package's own make of xsnap-worker, see engines.lock.yaml).
//
// The process (xsnap-worker has no stdin reader, no readline, no script
// argument, no exit(); it reads netstrings "<len>:<bytes>," on fd 3; the
// harness side is engines/external.rs's Channel::Xsnap):
//   fd 3  from the harness:
//           `e<host.js>`  once, first: the host script, evaluated by an
//                         indirect eval in the start compartment (strict:
//                         its top-level declarations stay local to it);
//           `?<request>`  one request, the JSON line as UTF-8 (no "\n"):
//                         the worker calls globalThis.handleCommand(bytes),
//                         defined by serve(), then runs XS's loop (promise
//                         jobs, then timers) until nothing is left;
//           EOF           the worker exits.
//   fd 4  to the harness: one reply per command when its loop is over,
//         `.{"currentHeapCount":...,"compute":...}\1` (or `!<message>` if
//         the command threw: only for a broken host script).
//   fd 1  the answer channel: the core's `h`, `e`, `a` lines, plus `r` (see
//         below), each written with print(): fprintf + fflush, one line.
//   fd 2  XS's complaints ("Unhandled exception ..." for unhandled
//         rejections, at the end of each command).
// The harness writes a request only after the previous request's fd-4
// reply (or the process's end). After the `a` line it waits for that reply;
// if the process ends instead, it starts a new one for the next request.
// An `r` line instead of an answer: the request did not run (the process is
// spoilt, see "Shared intrinsics"); start a new process and send it again.
// A process that ends before `a`/`r`: exit 12 is `stack-overflow`, 11 is out
// of memory, anything else an error; the events read so far stand.
//
// Aborts. XS has no catchable stack overflow: the JS stack is 4096 slots
// (about 380 plain frames, fixed in xsnap-worker); overflowing it, in the
// program or in the host, aborts the machine and the process exits 12 at
// once. Memory: XS's own limit is 2 GiB (exit 11); under RLIMIT_DATA a
// failed allocation is exit 11 as well (the process needs about 60 MB to
// start); RLIMIT_AS must leave room for a 1 GiB PROT_NONE reservation (it
// cannot start under ~1.05 GB). SHELL.exit() overflows the stack on
// purpose (exit 12, after the core's answer).
//
// Checkpoints. XS runs promise jobs only from its C loop, after the command
// returns: no JavaScript can drain them, so drainJobs cannot exist. The
// adapter sets `deferJobs`: the core's handle(line) returns an iterator that
// stops at each checkpoint (a generator), and the adapter resumes it from
// setImmediate, an XS timer of 0 ms which the loop runs only when the
// promise-job queue is empty (fxRunLoop: all jobs, FIFO, including the jobs
// they enqueue; then one timer; again). A job or timer callback that throws
// aborts the machine; none does: reaction jobs catch, the host's jobs
// (queueMicrotask) catch in SETUP, and run() below catches.
//
// The realm. XS has one set of intrinsics per machine. `new Compartment()`
// makes a new global object with its own `globalThis`, `eval`, `Function`
// and `Compartment`; every other intrinsic (Object, Array.prototype,
// Promise.prototype.then, JSON, %GeneratorFunction%, ...) is the same object
// in every compartment and in the host. A program runs in a new compartment;
// what it shares:
// * with the host: every intrinsic. The host captures what it uses before
//   any program runs (core.js's H, the captures below), but a program that
//   changes a shared prototype can run code inside the core's operations
//   on host values (an Object.prototype.toJSON sees the core's answer
//   objects, an Array.prototype index setter its timer records): that can
//   falsify the program's own answer line, nothing more.
// * with later programs, the same intrinsics ("Shared intrinsics" below).
// * the evaluators behind shared prototypes: `(function(){}).constructor`,
//   `(function*(){}).constructor` etc. are the start compartment's, whose
//   code would run in the host's realm (its global has handleCommand, and
//   its import() reads files). So before each program Function.prototype.
//   constructor becomes the program compartment's `Function`, and the
//   `constructor` of the generator, async and async generator function
//   prototypes become stand-ins that build the function with the
//   compartment's eval from the source text CreateDynamicFunction specifies
//   (`(function* anonymous(P\n) {\nB\n})`); unlike the spec they do not
//   parse P and B apart, so a P or B that closes the function early is
//   evaluated (in the program's own realm) instead of being a SyntaxError.
//   Then no object of the program's reach evaluates code in another realm;
//   the start compartment's global is out of reach (its shell powers are
//   captured here and deleted anyway).
// * import(): a compartment without a loadHook rejects with its TypeError
//   "no loadHook" (no file access).
// * the symbol registry (agent-wide by the spec) and Math.random's state.
//
// Shared intrinsics. The adapter records, before the first program, every
// object reachable from the intrinsics (prototype, extensibility, own keys in
// order, every property's value/getter/setter/attributes), and before each
// later program compares (~3 ms): if anything differs it writes `r` and
// ends the process (CHECK below; off, a program that changes a built-in
// changes it for the programs after it in the process). The check comes
// before a program rather than after the previous one because a program's
// code can run after its answer: XS reports every unhandled rejection at the
// end of the command by converting the reason to a string (a toString of
// the program's), and jobs that code enqueues run at the start of the next
// command; the next program therefore starts from setImmediate, after those
// jobs, and after the check. (Late code that never ends, or enqueues jobs
// forever, stalls the process: the harness's timeout for the fd-4 reply, or
// for the next request, ends it.)
//
// Evaluation. A program is a classic Script. XS has no compile-only API;
// a source that does not parse is compiled into `throw new SyntaxError(msg)`
// (the constructor looked up on the realm's global when it runs), so what is
// thrown cannot tell a parse error from the program's own throw. So the
// adapter first parses the program where none of it can run, in a probe
// compartment:
//   P1  (only when the source contains the code units `use strict`: a
//       directive has no escapes) `Function(body)`, never called: XS rejects
//       a body that closes the function early ("no function"). A body it
//       rejects is no Script either: compile error. Else the function tells
//       the program's strictness (in XS a sloppy function has an own
//       `caller`, a strict one has not; the directive prologue is the same in
//       a FunctionBody and a Script).
//   P2  `throw 1179;` + source, with the evaluator that will run the
//       program (the probe compartment's indirect eval, or its `evaluate`
//       for a strict program), on the source's first line so that the rules
//       about line starts (`-->`) are unchanged: the Script grammar, the
//       program's strictness; when the text parses, global declaration
//       instantiation (a TypeError at worst) and then the first statement
//       run, and nothing of the program. Thrown 1179 or a TypeError: the
//       source compiles. A SyntaxError (or a RangeError: the parser's own
//       stack): compileError(). Only XS makes what P1 and P2 throw, so the
//       host may look at it.
//   A leading hashbang becomes `//` in the probes.
// The program then runs, strict ones with the compartment's `evaluate` (a
// strict Script: var/function declarations are global bindings; strict from
// the first token, whereas XS's own directive handling lets the token right
// after a "use strict" prologue escape strict checks, e.g. `010`), sloppy ones
// with its indirect eval (a sloppy eval: as a Script, except that top-level
// var/function bindings are configurable, i.e. deletable, and top-level
// let/const/class are local to it instead of global lexical bindings, which
// one script cannot tell).
//
// Globals. A compartment's global has, beyond ECMA-262, Compartment,
// ModuleSource, TypedArray (%TypedArray%), trace, global (shellGlobals, which
// the core deletes); XS 13.3 has no Iterator. The start compartment also has
// setImmediate, gc, print, issueCommand, performance, currentMeterLimit,
// resetMeter, TextDecoder, TextEncoder, Base64, harden (no lockdown, console,
// setTimeout in xsnap-worker).

const SHELL = (function () {
  'use strict';
  const G = globalThis;
  const apply = Reflect.apply;
  const ownKeys = Reflect.ownKeys;
  const getOwn = Reflect.getOwnPropertyDescriptor;
  const defineProperty = Reflect.defineProperty;
  const getPrototypeOf = Reflect.getPrototypeOf;
  const setPrototypeOf = Reflect.setPrototypeOf;
  const isExtensible = Reflect.isExtensible;
  const is = Object.is;
  const MapCtor = Map;
  const mapSet = Map.prototype.set;
  const mapGet = Map.prototype.get;
  const mapHas = Map.prototype.has;
  const startsWith = String.prototype.startsWith;
  const slice = String.prototype.slice;
  const indexOf = String.prototype.indexOf;
  const SyntaxErrorProto = SyntaxError.prototype;
  const RangeErrorProto = RangeError.prototype;
  const TypeErrorCtor = TypeError;
  const genNext = getPrototypeOf(function* () {}).prototype.next;

  // The shell's powers, kept here only.
  const print = G.print;
  const setImmediate = G.setImmediate;
  const perf = G.performance;
  const perfNow = perf.now;
  const decoder = new G.TextDecoder();
  const decode = G.TextDecoder.prototype.decode;
  const Compartment = G.Compartment;
  const compartmentEvaluate = Compartment.prototype.evaluate;
  const startEval = G.eval;
  for (const name of ['print', 'setImmediate', 'gc', 'issueCommand', 'performance', 'currentMeterLimit',
    'resetMeter', 'TextDecoder', 'TextEncoder', 'Base64', 'harden', 'handleCommand']) {
    delete G[name];
  }

  // The shared prototypes whose `constructor` evaluates code.
  const FunctionProto = Function.prototype;
  const GeneratorFunctionProto = getPrototypeOf(function* () {});
  const AsyncFunctionProto = getPrototypeOf(async function () {});
  const AsyncGeneratorFunctionProto = getPrototypeOf(async function* () {});

  // Stand-ins for %GeneratorFunction%, %AsyncFunction%,
  // %AsyncGeneratorFunction% (see the header), made once; they build
  // functions with the current program compartment's eval.
  let current = null; // the realm of the running program
  const makeCtor = (kind, name, proto) => {
    const C = function (...args) {
      const n = args.length;
      let P = '';
      for (let i = 0; i < n - 1; i++) P = i === 0 ? `${args[i]}` : `${P},${args[i]}`;
      const B = n > 0 ? `${args[n - 1]}` : '';
      return apply(current.eval, undefined, [`(${kind} anonymous(${P}\n) {\n${B}\n})`]);
    };
    defineProperty(C, 'length', { value: 1, writable: false, enumerable: false, configurable: true });
    defineProperty(C, 'name', { value: name, writable: false, enumerable: false, configurable: true });
    defineProperty(C, 'prototype', { value: proto, writable: false, enumerable: false, configurable: false });
    return C;
  };
  const CTORS = [
    [GeneratorFunctionProto, makeCtor('function*', 'GeneratorFunction', GeneratorFunctionProto)],
    [AsyncFunctionProto, makeCtor('async function', 'AsyncFunction', AsyncFunctionProto)],
    [AsyncGeneratorFunctionProto, makeCtor('async function*', 'AsyncGeneratorFunction', AsyncGeneratorFunctionProto)],
  ];

  // `constructor` keeps XS's attributes (the spec's: writable on
  // Function.prototype only).
  const ctorWritable = [FunctionProto, GeneratorFunctionProto, AsyncFunctionProto, AsyncGeneratorFunctionProto]
    .map((proto) => getOwn(proto, 'constructor').writable);
  const setCtor = (proto, C, i) => {
    defineProperty(proto, 'constructor', { value: C, writable: ctorWritable[i], enumerable: false, configurable: true });
  };

  // Before a program: the evaluators reached through shared prototypes
  // become the program compartment's ([[Prototype]] of the stand-ins: the
  // realm's %Function%, as the spec has it).
  const enterRealm = (r) => {
    current = r;
    setCtor(FunctionProto, r.F, 0);
    for (let i = 0; i < CTORS.length; i++) {
      setCtor(CTORS[i][0], CTORS[i][1], i + 1);
      setPrototypeOf(CTORS[i][1], r.F);
    }
  };

  // The host's sources (the core's SETUP, HOST_PRELUDE: function
  // expressions) are compiled once, not once per realm: parsing is slow in XS
  // (~0.25 ms for any source, glibc reads /proc/self/maps for the stack
  // limit on every parse, plus ~0.3 ms per KB), and every intrinsic they
  // name is the same object in every compartment. The one thing that differs,
  // `globalThis`, they read through a `with` scope whose only binding is a
  // getter for the current program's global. (They are strict functions; a
  // function made in the start realm is indistinguishable from one made in a
  // compartment, given the shared intrinsics and the constructors set by
  // enterRealm.)
  const hostScope = Object.create(null);
  defineProperty(hostScope, 'globalThis', { get() { return current.g; }, enumerable: false, configurable: false });
  const hostCache = new MapCtor();
  const evaluateHost = (source) => {
    if (!apply(mapHas, hostCache, [source])) {
      const make = apply(startEval, undefined, [`(function (scope) { with (scope) { return (${source}\n); } })`]);
      apply(mapSet, hostCache, [source, make(hostScope)]);
    }
    return apply(mapGet, hostCache, [source]);
  };

  // --- the compile check (see the header) ---
  const PROBE_MARK = 1179;
  // What a probe threw: null if the source compiles, else [detail, status]
  // for compileError. Only XS makes these values (no program code has run).
  const verdict = (e) => {
    if (e === PROBE_MARK) return null;
    if (typeof e === 'object' && e !== null) {
      const proto = getPrototypeOf(e);
      const d = getOwn(e, 'message');
      const message = d !== undefined && typeof d.value === 'string' ? d.value : '';
      if (proto === SyntaxErrorProto) return [`SyntaxError: ${message}`, 'parse-error'];
      // The parser's own limits: its C stack ("stack overflow"), its token
      // buffer ("buffer overflow", xsnap-worker -s; 8 MiB by default).
      if (proto === RangeErrorProto) return [`RangeError: ${message}`, message === 'stack overflow' ? 'stack-overflow' : 'parse-error'];
    }
    return null; // a TypeError of global declaration instantiation: it compiles
  };
  // -> whether the program is strict, or throws compileError(...)
  const check = (source) => {
    const text = apply(startsWith, source, ['#!']) ? '//' + apply(slice, source, [2]) : source;
    const probe = new Compartment();
    const pg = probe.globalThis;
    let strict = false;
    // P1. A "use strict" directive is those very code units (no escapes):
    // a source without them is sloppy.
    if (apply(indexOf, source, ['use strict']) >= 0) {
      let f;
      try {
        f = apply(pg.Function, undefined, [text]);
      } catch (e) {
        // Not a FunctionBody, hence not a Script either.
        const v = verdict(e) || [`SyntaxError: not a function body`, 'parse-error'];
        throw compileError(v[0], v[1]);
      }
      strict = getOwn(f, 'caller') === undefined;
    }
    // P2, with the evaluator that will run the program.
    let v = [`host error: the probe did not throw`, 'parse-error'];
    try {
      if (strict) apply(compartmentEvaluate, probe, [`throw 1179;${text}`]);
      else apply(pg.eval, undefined, [`throw 1179;${text}`]);
    } catch (e) {
      v = verdict(e);
    }
    if (v !== null) throw compileError(v[0], v[1]);
    return strict;
  };

  // --- the state of the shared intrinsics (see the header) ---
  const CHECK = true;
  // Flat record: per object [object, proto, extensible, n], then per own
  // key [key, value, get, set, flags]; VOLATILE for what the host itself
  // changes for every program, FIXED for what cannot change.
  const VOLATILE = {};
  const FIXED = {};
  let baseline = null;
  const flagsOf = (d) => (d.writable ? 1 : 0) | (d.enumerable ? 2 : 0) | (d.configurable ? 4 : 0);
  const record = () => {
    const probe = new Compartment().globalThis;
    const roots = [probe, function* () {}, async function () {}, async function* () {}, (function* () {})(),
      (async function* () {})(), [][Symbol.iterator](), new Map()[Symbol.iterator](), new Set()[Symbol.iterator](),
      ''[Symbol.iterator](), /a/[Symbol.matchAll](''), Promise.resolve()];
    for (let i = 0; i < CTORS.length; i++) roots[roots.length] = CTORS[i][1];
    const volatile = [FunctionProto, 'constructor', GeneratorFunctionProto, 'constructor',
      AsyncFunctionProto, 'constructor', AsyncGeneratorFunctionProto, 'constructor',
      FinalizationRegistry.prototype, 'constructor'];
    const isVolatile = (o, k) => {
      for (let i = 0; i < volatile.length; i += 2) if (volatile[i] === o && volatile[i + 1] === k) return true;
      return false;
    };
    const seen = new MapCtor();
    const list = [];
    const visit = (o) => {
      if ((typeof o === 'object' || typeof o === 'function') && o !== null && !apply(mapHas, seen, [o])) {
        apply(mapSet, seen, [o, true]);
        list[list.length] = o;
      }
    };
    for (let i = 0; i < roots.length; i++) visit(roots[i]);
    // Per-compartment objects are not shared: not recorded.
    for (const name of ['globalThis', 'global', 'eval', 'Function', 'Compartment']) {
      const d = getOwn(probe, name);
      if (d !== undefined) apply(mapSet, seen, [d.value, true]);
    }
    const out = [];
    for (let i = 0; i < list.length; i++) {
      const o = list[i];
      const proto = getPrototypeOf(o);
      visit(proto);
      const keys = ownKeys(o);
      const own = o !== probe;
      let isCtor = false;
      for (let j = 0; j < CTORS.length; j++) if (CTORS[j][1] === o) isCtor = true;
      if (own) out.push(o, isCtor ? VOLATILE : proto, isExtensible(o), keys.length);
      for (let j = 0; j < keys.length; j++) {
        const k = keys[j];
        const d = getOwn(o, k);
        if ('value' in d) visit(d.value); else { visit(d.get); visit(d.set); }
        if (own) {
          if (isVolatile(o, k)) out.push(k, VOLATILE, VOLATILE, VOLATILE, VOLATILE);
          // A data property neither writable nor configurable never changes.
          else if ('value' in d && !d.writable && !d.configurable) out.push(k, FIXED, FIXED, FIXED, FIXED);
          else out.push(k, d.value, d.get, d.set, flagsOf(d));
        }
      }
    }
    return out;
  };
  // Whether every recorded object is as it was.
  const pristine = () => {
    const b = baseline;
    const n = b.length;
    let i = 0;
    while (i < n) {
      const o = b[i];
      const keys = ownKeys(o);
      const len = b[i + 3];
      if ((b[i + 1] !== VOLATILE && getPrototypeOf(o) !== b[i + 1]) || isExtensible(o) !== b[i + 2] ||
        keys.length !== len) return false;
      i += 4;
      for (let j = 0; j < len; j++, i += 5) {
        const k = keys[j];
        if (k !== b[i]) return false;
        const v = b[i + 1];
        if (v === VOLATILE || v === FIXED) continue;
        const d = getOwn(o, k);
        if ((d.value !== v && !is(d.value, v)) || d.get !== b[i + 2] || d.set !== b[i + 3] ||
          flagsOf(d) !== b[i + 4]) return false;
      }
    }
    return true;
  };

  const die = () => die() + 1;

  return {
    name: 'xs',
    version: 'XS 13.3.0 (xsnap-worker of @agoric/xsnap 0.15.0)',
    deferJobs: true,
    countsJobs: false,
    shellGlobals: ['Compartment', 'ModuleSource', 'TypedArray', 'trace', 'global'],
    writeLine(s) {
      apply(print, undefined, [s]);
    },
    now() {
      return apply(perfNow, perf, []);
    },
    // Ends the process now (an abort the program cannot catch: exit 12).
    exit() {
      die();
    },
    newRealm() {
      const c = new Compartment();
      const g = c.globalThis;
      const r = { c, g, eval: g.eval, F: g.Function };
      enterRealm(r);
      return r;
    },
    globalOf(r) {
      return r.g;
    },
    evaluate(r, source, isHost) {
      if (isHost) return evaluateHost(source);
      const strict = check(source);
      return strict ? apply(compartmentEvaluate, r.c, [source]) : apply(r.eval, undefined, [source]);
    },
    drainJobs() {
      throw new TypeErrorCtor('XS runs promise jobs only between commands: the core must yield (deferJobs)');
    },
    // handle(line) returns the core's iterator for the request (one step per
    // task); each step ends at a microtask checkpoint, which XS performs
    // after the step returns to its loop; the next step then runs from
    // setImmediate.
    serve(handle) {
      let busy = false;
      let ran = false; // whether a program has run in this process
      const run = (it) => {
        let res;
        try {
          res = apply(genNext, it, []);
        } catch (_) {
          res = { done: true };
        }
        if (res.done) busy = false;
        else apply(setImmediate, undefined, [() => run(it)]);
      };
      // From setImmediate: jobs that a finished program's late code enqueued
      // (see "Shared intrinsics" in the header) have run by now.
      const start = (line) => {
        if (CHECK && ran && !pristine()) {
          // Not run: the harness starts a fresh process and sends it again.
          apply(print, undefined, ['r']);
          die();
        }
        ran = true;
        let it;
        try {
          it = handle(line);
        } catch (_) {
          it = undefined;
        }
        if (it === undefined) busy = false;
        else run(it);
      };
      if (CHECK) baseline = record();
      defineProperty(G, 'handleCommand', {
        value: function handleCommand(bytes) {
          if (busy) throw new TypeErrorCtor('handleCommand: busy');
          busy = true;
          const line = apply(decode, decoder, [bytes]);
          apply(setImmediate, undefined, [() => start(line)]);
        },
        writable: false, enumerable: false, configurable: false,
      });
    },
  };
})();
