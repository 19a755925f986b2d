// tickdiff's adapter for JavaScriptCore's `jsc` shell (Debian package
// libjavascriptcoregtk-4.0-bin, run with libjavascriptcoregtk-4.0-18 on
// LD_LIBRARY_PATH). See core.js for the contract; what is particular here:
//
// * Realms: `$262.createRealm()` makes a new JSC GlobalObject (own global,
//   own intrinsics) in the same VM and returns that realm's `$262` object;
//   its `evalScript(src)` (which reads `this.global`) evaluates a classic
//   Script there and returns the completion value or throws what the script
//   threw. It does not drain microtasks. The handle is a host-side record
//   holding the realm's `$262` object, which the program never sees (SETUP
//   deletes `$262` and its alias `$` from the realm's global).
// * What a realm shares with the others and the host: the VM (heap, GC, the
//   single microtask queue, the stack limit), the symbol registry, and
//   strings (primitives). No object is shared: every intrinsic is per realm.
// * Compile errors: `checkScriptSyntax(src)` (a shell function) runs JSC's
//   parser alone in classic-script mode, the parse `evalScript` does, and
//   throws a host string "SyntaxError: <message>:<line>" on failure.
//   `evalScript` itself throws the *realm's* SyntaxError, which looks exactly
//   like a program's own `throw new SyntaxError()`, so the check comes first.
//   A parser that ran out of stack (or memory) gives an empty message, which
//   no syntax error has: that is reported as "stack-overflow". Errors JSC
//   finds only later (GlobalDeclarationInstantiation, e.g. `let NaN`) are
//   runtime errors of the script, as in the spec.
// * Jobs: `drainMicrotasks()` runs the VM's queue until it is empty; the
//   host cannot run jobs one at a time (countsJobs false).
// * The global's shell functions are non-enumerable *and* not listed by
//   Object.getOwnPropertyNames / Reflect.ownKeys (the shell's global has a
//   static property table), but `hasOwnProperty` sees them and `delete`
//   removes them: the list below was found by probing every identifier in the
//   jsc binary and libjavascriptcoregtk (and their suffixes) with
//   hasOwnProperty on a new realm's global, keeping those outside
//   getOwnPropertyNames (which lists only ECMA-262, Intl and WebAssembly).
//   `WebAssembly`, `console` (JSC's own) and `performance` go too, and so
//   does the global's Symbol.toStringTag ("global", the shell's).
//   A side effect the host cannot undo: a name of that static table stays
//   hidden from key enumeration (Object.keys, getOwnPropertyNames, for-in)
//   even once it is an own data property again, so `setTimeout`, which the
//   host defines, is missing from Object.keys(globalThis) here.
//   The global's [[Prototype]] is immutable (setPrototypeOf throws), as in
//   every JSC global object; nothing to do about it.
// * I/O: `print` writes and flushes stdout (a pipe keeps every line when the
//   process is killed). `readline()` reads bytes up to "\n" and returns them
//   as Latin-1 code units (decoded as UTF-8 below); at EOF it returns "",
//   forever, so an empty line ends `serve` (the harness never sends one).
//   A line of several MB is fine; a NUL byte ends it (JSON has none).
// * `quit()` exits at once.
const SHELL = (() => {
  const G = globalThis;
  const apply = Reflect.apply;
  const print = G.print;
  const readline = G.readline;
  const quit = G.quit;
  const $262 = G.$262;
  const createRealm = $262.createRealm;
  const evalScript = $262.evalScript;
  const checkScriptSyntax = G.checkScriptSyntax;
  const drainMicrotasks = G.drainMicrotasks;
  const perf = G.performance;
  const perfNow = perf && perf.now;
  const dateNow = Date.now;
  const escape = G.escape;
  const decodeURIComponent = G.decodeURIComponent;
  const test = RegExp.prototype.test;
  const lastIndexOf = String.prototype.lastIndexOf;
  const slice = String.prototype.slice;
  const startsWith = String.prototype.startsWith;
  const HIGH = /[\u0080-\u00ff]/;
  const toStringTag = Symbol.toStringTag;
  if (typeof checkScriptSyntax !== 'function' || typeof createRealm !== 'function'
      || typeof drainMicrotasks !== 'function') {
    throw new Error('tickdiff jsc host: this jsc lacks checkScriptSyntax, $262.createRealm or drainMicrotasks');
  }

  // readline's Latin-1 code units are the line's UTF-8 bytes.
  const utf8 = (line) => {
    if (!apply(test, HIGH, [line])) return line;
    try { return decodeURIComponent(escape(line)); } catch (_) { return line; }
  };

  // The parse error in the shell's format "SyntaxError: <message>:<line>".
  const compileFailure = (what) => {
    const s = typeof what === 'string' ? what : 'SyntaxError: ';
    const colon = apply(lastIndexOf, s, [':']);
    const head = colon > 0 ? apply(slice, s, [0, colon]) : s;
    const message = apply(startsWith, head, ['SyntaxError: ']) ? apply(slice, head, [13]) : head;
    if (message === '') return compileError('RangeError: the parser ran out of stack or memory', 'stack-overflow');
    return compileError(head);
  };

  return {
    name: 'jsc',
    version: '',
    countsJobs: false,
    shellGlobals: [
      '$', '$262', 'MemoryFootprint', 'OSRExit', 'WebAssemblyMemoryMode', 'addressOf', 'asDoubleNumber',
      'asyncTestPassed', 'asyncTestStart', 'atob', 'btoa', 'callerIsBBQOrOMGCompiled', 'callerSourceOrigin',
      'checkModuleSyntax', 'checkScriptSyntax', 'checkSyntax', 'console', 'createGlobalObject',
      'createHeapBigInt', 'createNonRopeNonAtomString', 'createWebAssemblyMemoryWithMode', 'debug', 'describe',
      'describeArray', 'disableRichSourceInfo', 'disassembleBase64', 'drainMicrotasks', 'dropAllLocks',
      'dumpTypesForAllVariables', 'edenGC', 'effectful42', 'ensureArrayStorage', 'failNextNewCodeBlock',
      'fiatInt52', 'finalizationRegistryDeadCount', 'finalizationRegistryLiveCount', 'flashHeapAccess', 'fullGC',
      'gc', 'gcHeapSize', 'generateHeapSnapshot', 'generateHeapSnapshotForGCDebugging', 'getRandomSeed',
      'hasCustomProperties', 'heapCapacity', 'is32BitPlatform', 'isBigInt32', 'isFinalTier', 'isHeapBigInt',
      'isInt32', 'isPureNaN', 'isRope', 'jscOptions', 'jscStack', 'load', 'loadString', 'makeMasquerader',
      'mallocInALoop', 'maxArguments', 'memoryUsageStatistics', 'neverInlineFunction', 'noDFG', 'noFTL',
      'noInline', 'noOSRExitFuzzing', 'numberOfDFGCompiles', 'openFile', 'optimizeNextInvocation',
      'performance', 'platformSupportsSamplingProfiler', 'preciseTime', 'predictInt32', 'prettyPrint', 'print',
      'printErr', 'quit', 'read', 'readFile', 'readline', 'releaseWeakRefs', 'reoptimizationRetryCount',
      'resetMemoryPeak', 'resetSuperSamplerState', 'run', 'runString', 'samplingProfilerStackTraces',
      'setRandomSeed', 'setTimeout', 'setUnhandledRejectionCallback', 'sleepSeconds', 'startSamplingProfiler',
      'testLoopCount', 'totalCompileTime', 'transferArrayBuffer', 'useBigInt32', 'version', 'waitForReport',
      'waiterListSize', 'wasmTestLoopCount', 'write', 'writeFile',
      // not the shell's, not ECMA-262
      'WebAssembly',
      // only with --useDollarVM=true (never passed) or script arguments (none)
      '$vm', 'arguments', 'scriptArgs',
    ],
    writeLine(s) { print(s); },
    serve(handle) {
      for (;;) {
        const line = readline();
        if (line === '') return;
        handle(utf8(line));
      }
    },
    exit() { quit(); },
    now: typeof perfNow === 'function' ? () => apply(perfNow, perf, []) : () => dateNow(),
    newRealm() {
      const d = createRealm();
      const global = d.global;
      // The shell's global says "[object global]"; ECMA-262's has no tag.
      delete global[toStringTag];
      return { d, global };
    },
    globalOf(r) { return r.global; },
    evaluate(r, source) {
      try {
        checkScriptSyntax(source);
      } catch (e) {
        throw compileFailure(e);
      }
      return apply(evalScript, r.d, [source]);
    },
    drainJobs(r, onJob) { drainMicrotasks(); },
  };
})();
