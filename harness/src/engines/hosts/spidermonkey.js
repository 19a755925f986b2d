// tickdiff's adapter for SpiderMonkey's shell (`js102`, from Debian's
// libmozjs-102-dev; a self-contained binary). See core.js for the contract;
// what is particular here:
//
// * Realms: `newGlobal({immutablePrototype: false, useWindowProxy: false})`
//   makes a new global object with its own realm and its own intrinsics, in
//   the host's compartment (the shell's default), as test262's
//   $262.createRealm does for SpiderMonkey; the options make it an ordinary
//   global (no WindowProxy around it, a mutable [[Prototype]] as in
//   ECMA-262). Its standard classes are resolved lazily on first use, as in
//   every SpiderMonkey global.
//   Cost: ~1.3 ms of CPU per newGlobal, most of it defining the shell's
//   functions; `evalcx("lazy")` would make a bare sandbox global (no shell
//   functions) ~2 ms cheaper per program all told, but it has a
//   non-configurable `lazy` property, which would make `let lazy` at a
//   program's top level a SyntaxError.
// * Shell globals: a new global gets ~290 of them (print, read, os, evalcx,
//   newGlobal, Debugger, console, performance, ...) plus SpiderMonkey's own
//   InternalError and uneval, the WHATWG streams classes and WebAssembly.
//   All are listed by Object.getOwnPropertyNames and all are configurable.
//   shellGlobals is computed at start-up from a probe global: every own
//   name that is not a global of ECMA-262 (or Intl, ECMA-402), so it matches
//   the flags the shell runs with (--fuzzing-safe drops some). newRealm
//   deletes the global's Symbol.toStringTag ("global"), which ECMA-262
//   globals lack (the shell's, like the rest).
// * What a realm shares with the others and the host: the compartment and
//   zone (objects of different realms are directly accessible to each other,
//   no wrappers), the GC heap, the job queue, the stack limit, the symbol
//   registry and the atoms. No object is shared: every intrinsic is per realm.
// * Evaluation and compile errors: `compileToStencil(source)` compiles a
//   classic Script in the host realm without running it; the realm's own
//   `evalStencil` (taken before its deletion) instantiates and runs that
//   compiled script in the realm and returns its completion value. A source
//   that does not compile throws in compileToStencil, a *host* exception
//   (SyntaxError; InternalError "too much recursion" when nesting exhausts
//   the parser's stack), so it can never be confused with a program's own
//   `throw new SyntaxError()`, and the source is parsed only once. Errors
//   found only when the script starts (GlobalDeclarationInstantiation, e.g.
//   `let NaN`) are the script's runtime errors, as in the spec.
// * Jobs: `drainJobQueue()` runs the shell's job queue until it is empty; the
//   host cannot run jobs one at a time (countsJobs false). Neither evaluation
//   drains it.
// * I/O: `print` writes and flushes stdout. `readline()` returns the line's
//   bytes as Latin-1 code units (decoded as UTF-8 below), null at EOF; lines
//   of several MB are fine.
// * Unhandled rejections: the shell would keep every one (and so its realm)
//   until exit, to report them on stderr; ignoreUnhandledRejections() stops
//   that.
// * `quit()` ends the script at once with an uncatchable exception (no catch
//   or finally of the program runs), then the process exits.
// * Out of memory: a program's allocation failure is the string "out of
//   memory", which the program can catch; the process goes on, but near the
//   limit later allocations may fail (newRealm collects and retries once) or
//   the shell may crash ("unhandlable oom", SIGSEGV): the harness restarts it.
// * Stack overflow in running code is the realm's InternalError "too much
//   recursion" (catchable).
const SHELL = (() => {
  const G = globalThis;
  const apply = Reflect.apply;
  const print = G.print;
  const readline = G.readline;
  const quit = G.quit;
  const newGlobal = G.newGlobal;
  const compileToStencil = G.compileToStencil;
  const drainJobQueue = G.drainJobQueue;
  const monotonicNow = G.monotonicNow;
  const gc = G.gc;
  const dateNow = Date.now;
  const escape = G.escape;
  const decodeURIComponent = G.decodeURIComponent;
  const SyntaxErrorCtor = SyntaxError;
  const InternalErrorCtor = G.InternalError;
  const ErrorCtor = Error;
  const test = RegExp.prototype.test;
  const toStringTag = Symbol.toStringTag;
  const HIGH = /[\u0080-\u00ff]/;
  const getOwnPropertyNames = Object.getOwnPropertyNames;
  const filter = Array.prototype.filter;
  const SetCtor = Set;
  const setHas = Set.prototype.has;
  if (typeof compileToStencil !== 'function' || typeof newGlobal !== 'function'
      || typeof drainJobQueue !== 'function') {
    throw new Error('tickdiff spidermonkey host: this shell lacks compileToStencil, newGlobal or drainJobQueue');
  }
  const GLOBAL_OPTIONS = { immutablePrototype: false, useWindowProxy: false };
  // The shell keeps every unhandled rejected promise (so its whole realm) to
  // report them at exit: stop that, programs' rejections are not ours.
  if (typeof G.ignoreUnhandledRejections === 'function') G.ignoreUnhandledRejections();

  // The value properties, functions and constructors of ECMA-262's global
  // object (and Intl): everything else on a new global is the shell's.
  const STANDARD = new SetCtor([
    'globalThis', 'Infinity', 'NaN', 'undefined', 'eval', 'isFinite', 'isNaN', 'parseFloat', 'parseInt',
    'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'escape', 'unescape',
    'AggregateError', 'Array', 'ArrayBuffer', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Boolean',
    'DataView', 'Date', 'Error', 'EvalError', 'FinalizationRegistry', 'Float16Array', 'Float32Array',
    'Float64Array', 'Function', 'Int8Array', 'Int16Array', 'Int32Array', 'Iterator', 'Map', 'Number',
    'Object', 'Promise', 'Proxy', 'RangeError', 'ReferenceError', 'RegExp', 'Set', 'SharedArrayBuffer',
    'String', 'Symbol', 'SyntaxError', 'TypeError', 'Uint8Array', 'Uint8ClampedArray', 'Uint16Array',
    'Uint32Array', 'URIError', 'WeakMap', 'WeakRef', 'WeakSet', 'Atomics', 'JSON', 'Math', 'Reflect',
    'Intl',
  ]);
  const shellGlobals = apply(filter, getOwnPropertyNames(newGlobal(GLOBAL_OPTIONS)),
    [(name) => !apply(setHas, STANDARD, [name])]);
  // The shell tells its version only on the command line (`js102 --version`).
  const version = '';

  // readline's Latin-1 code units are the line's UTF-8 bytes.
  const utf8 = (line) => {
    if (!apply(test, HIGH, [line])) return line;
    try { return decodeURIComponent(escape(line)); } catch (_) { return line; }
  };

  // What compileToStencil threw, as the core's compile error.
  const compileFailure = (e) => {
    if (e instanceof SyntaxErrorCtor) return compileError(`SyntaxError: ${e.message}`);
    if (InternalErrorCtor && e instanceof InternalErrorCtor) {
      return compileError(`InternalError: ${e.message}`, e.message === 'too much recursion' ? 'stack-overflow' : 'parse-error');
    }
    if (e instanceof ErrorCtor) return compileError(`${e.name}: ${e.message}`);
    // "out of memory" is a string; anything else is unexpected.
    return compileError(typeof e === 'string' ? e : `compile failed: ${typeof e}`);
  };

  return {
    name: 'spidermonkey',
    version,
    countsJobs: false,
    shellGlobals,
    writeLine(s) { print(s); },
    serve(handle) {
      for (;;) {
        const line = readline();
        if (line === null) return;
        handle(utf8(line));
      }
    },
    exit() { quit(0); },
    now: typeof monotonicNow === 'function' ? () => monotonicNow() : () => dateNow(),
    newRealm() {
      let global;
      try {
        global = newGlobal(GLOBAL_OPTIONS);
      } catch (_) {
        // Out of memory, most likely with the last program's garbage not
        // collected yet: collect it and try once more.
        gc();
        global = newGlobal(GLOBAL_OPTIONS);
      }
      const evalStencil = global.evalStencil;
      delete global[toStringTag];
      return { global, evalStencil };
    },
    globalOf(r) { return r.global; },
    evaluate(r, source) {
      let stencil;
      try {
        stencil = compileToStencil(source);
      } catch (e) {
        throw compileFailure(e);
      }
      return apply(r.evalStencil, undefined, [stencil]);
    },
    drainJobs(r, onJob) { drainJobQueue(); },
  };
})();
