// The adapter for node (V8), run as `node -e SCRIPT` by engines/node.rs.
//
// Channels: requests on stdin; answers on fd 3 (a pipe only this process
// writes); fd 1 is /dev/null and fd 2 the harness's stderr file.
//
// The realm. Each program runs in a fresh vm context with its own microtask
// queue (`microtaskMode: 'afterEvaluate'`): after every evaluation in that
// context V8 drains the context's queue, so a checkpoint is the evaluation
// of an empty script. What the realm shares with the outer (host) world:
// * node >= 22.8 (`vm.constants.DONT_CONTEXTIFY`): its global object is an
//   ordinary V8 global built inside the context; no outer object at all.
// * node 20 - 22.7: the global is node's "contextified" global, whose named
//   properties live on a sandbox object made in the outer realm. The sandbox
//   is `Object.create(null)`: no prototype, no properties of ours, not
//   callable, so no outer function or intrinsic is reachable from it. A
//   program can get hold of it (it is the receiver of an accessor the
//   program defines on globalThis and then assigns through), but it holds
//   only what the program put on the global.
// * Every node: the symbol registry (`Symbol.for`, agent-wide by the spec;
//   symbols are primitives); node's unhandled-rejection bookkeeping, which
//   holds the realm's rejected promises and, as one is rejected, reads two
//   of node's own symbol-keyed properties (async ids) off it (a program
//   that put a Proxy or getter in Promise.prototype's chain sees those
//   reads: its own promise as receiver, node's symbols as keys); and V8's
//   stack-trace hook, which reads `Error.prepareStackTrace` of the realm and
//   passes it call sites made in the realm (the host's frames, all strict,
//   show no function and no receiver).
// Dynamic `import()` is refused with the realm's own TypeError (node's
// default would reject with an outer-realm error; hence
// `--experimental-vm-modules`, which lets the host supply the callback).
// `console` and `WebAssembly` are removed; code generation from strings is
// allowed (eval), from wasm not. The stack-trace API and `displayErrors`:
// node would read (and rewrite) the `stack` of a thrown program value; the
// host passes `displayErrors: false` and never touches it.
//
// Requests are read with node's own stream machinery so that node's event
// loop turns between programs: node keeps every promise rejected without a
// handler (in any realm) in a list it only drains when it processes ticks,
// which never happens in a purely synchronous loop -- the list would hold
// every program's realm alive until the process runs out of heap. With
// `--unhandled-rejections=none` (set by the harness) draining it is silent.
//
// Defence in depth: engines/node.rs starts this process under node's
// permission model with no permission granted (no file system, child
// processes, workers, addons, inspector, WASI; `process.binding` is
// denied), with fd 3 already open, so it needs none.

const SHELL = (() => {
  const vm = require('vm');
  const DONT_CONTEXTIFY = vm.constants ? vm.constants.DONT_CONTEXTIFY : undefined;
  // Compiled once: the setup scripts every realm evaluates, and the empty
  // script whose evaluation is a checkpoint.
  const cached = new Map();
  const checkpoint = new vm.Script('undefined', { filename: 'tickdiff-checkpoint.js' });
  // The running realm's own TypeError, captured when the realm is made
  // (no job can be queued yet). import() is refused with one of these, made
  // without evaluating anything in the realm: an evaluation would be a
  // microtask checkpoint in the middle of the program.
  let RealmTypeError = null;
  // The refusal's promise would settle in node's own job queue, outside the
  // realm's: nothing after it is exact, so the run is `unsupported`.
  const refuseImport = () => {
    unsupportedFeature('import() on node (its promise settles outside the realm\'s job queue)');
    throw new RealmTypeError('import() is not supported');
  };
  return {
    name: 'node',
    version: `node ${process.version}`,
    countsJobs: false,
    shellGlobals: ['console', 'WebAssembly'],
    writeLine: writeAnswerLine,
    serve(handle) {
      let pending = '';
      process.stdin.setEncoding('utf8');
      process.stdin.on('data', (chunk) => {
        pending += chunk;
        let nl;
        while ((nl = pending.indexOf('\n')) >= 0) {
          const line = pending.slice(0, nl);
          pending = pending.slice(nl + 1);
          handle(line);
        }
      });
      // No more requests (the harness closed the pipe, or died): exit even idle.
      process.stdin.on('end', () => process.exit(0));
      process.stdin.on('error', () => process.exit(0));
    },
    exit() { process.exit(0); },
    now() { return Number(process.hrtime.bigint()) / 1e6; },
    newRealm() {
      const options = { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: false } };
      const sandbox = DONT_CONTEXTIFY !== undefined ? DONT_CONTEXTIFY : Object.create(null);
      const realm = vm.createContext(sandbox, options);
      RealmTypeError = vm.runInContext('TypeError', realm);
      return realm;
    },
    evaluate(r, source, isHost) {
      let script = isHost ? cached.get(source) : undefined;
      if (script === undefined) {
        try {
          script = new vm.Script(source, { filename: 'program.js', importModuleDynamically: refuseImport });
        } catch (e) {
          // A compile error: an object of this (outer) realm, made by V8.
          const message = e instanceof Error ? String(e.message) : 'compile error';
          const detail = `${e instanceof Error ? e.name : 'Error'}: ${message}`;
          throw compileError(detail, /Maximum call stack size exceeded/.test(message) ? 'stack-overflow' : 'parse-error');
        }
        if (isHost) cached.set(source, script);
      }
      return script.runInContext(r, { displayErrors: false });
    },
    drainJobs(r) {
      checkpoint.runInContext(r, { displayErrors: false });
    },
  };
})();
