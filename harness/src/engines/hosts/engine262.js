// tickdiff's adapter for engine262 (ECMA-262 written in JavaScript), run by
// node: `node --stack-size=4000 --max-old-space-size=N -e SCRIPT` with
// TICKDIFF_ENGINE262 = the package directory
// (<dir>/node_modules/@engine262/engine262). See core.js for the contract;
// what is particular here:
//
// * Two worlds. node runs this adapter and the core; a program runs in an
//   engine262 realm, whose values are engine262 objects (`Value`s) living in
//   node's heap. Nothing of node's is reachable from a realm: engine262 gives
//   a realm no host object (no console, no $262, no module loader) unless
//   the embedder adds one, and the only host code a program can reach is the
//   four natives `native` makes (engine262 built-in functions whose steps
//   convert primitives in and out, below), held by the in-realm closures of
//   the core's SETUP. A program's exception is an engine262 completion,
//   never a node exception, and is never looked at (RealmThrow carries
//   nothing).
// * A fresh realm per program, in a fresh engine262 Agent (its own job
//   queue, symbol registry, execution-context stack, parsed-source table).
//   engine262 builds a realm in ~15-20 ms (every intrinsic, Temporal
//   included, through its own property machinery), most of a small
//   program's cost. So at start-up the host builds one realm that no code
//   ever runs in (the template) and records a copy plan of it (makePlan):
//   its ~6700 objects (Realm Record, environment records, execution
//   context, every intrinsic, their property maps and descriptors), each
//   with its prototype and its own properties in order. Each program's
//   realm is a copy made from the plan (~2 ms): every object is new; what a
//   copy shares with the template and with other copies is what realms
//   made by engine262 share anyway: engine262's primitive Values (strings,
//   numbers, the well-known symbols, which the spec shares between realms)
//   and host functions (engine262's module-level built-in steps; two
//   families are closures made per realm, capturing a name only: the
//   NativeError and TypedArray constructors). Nothing in a realm refers to
//   its agent (AgentSignifier, a number, is set on the copy). The template
//   is plain data (makePlan refuses anything else and the host then makes
//   every realm with `new ManagedRealm`, saying so in its version string);
//   TICKDIFF_ENGINE262_FRESH=1 forces that too. Checked by hand: traces of
//   a reflective sweep of every global (5000 lines: keys, descriptors,
//   calls of every built-in) are identical on copies and fresh realms; no
//   object reachable from a copy after hostile programs is the template's,
//   and the template's plan is unchanged by them.
//   The next program's agent and realm are made as soon as an answer is
//   out, before the next request is read (`serve`).
//   What realms share beyond that: node's heap and stack (one program's
//   garbage, the stack limit), engine262's module-level caches (Unicode
//   case-folding tables: host data, never program values), and the parse
//   trees of the host's own scripts (SETUP, the prelude), parsed once and
//   evaluated in every realm as new Script Records (engine262 keeps no
//   run-time state on a parse tree; template objects live in the realm's
//   [[TemplateMap]]).
// * Jobs. The agent is made with its event loop stopped: nothing runs a job
//   on its own. `drainJobs` takes the agent's job queue (engine262's
//   HostEnqueuePromiseJob appends to it, FIFO) one job at a time and runs
//   each with engine262's runSingleJobInQueue: countsJobs is true.
// * Compile errors: engine262's ParseScript returns a list of SyntaxError
//   objects instead of a Script Record (parse errors and early errors);
//   that, and only that, is a compile error ("SyntaxError: <message>").
//   Errors found later (GlobalDeclarationInstantiation, e.g. `let NaN`) are
//   the script's runtime errors, as in the spec.
// * Stack overflow: engine262 evaluates with generators on node's stack and
//   has no depth limit of its own; each ECMAScript call costs ~2.8 KB of
//   node stack, so `--stack-size=4000` gives ~1400 nested calls (984 KB,
//   node's default: ~350). When node's stack runs out, node throws its own
//   RangeError through engine262's frames: a program cannot catch it (it is
//   not an ECMAScript exception) and the agent is left mid-evaluation, so
//   the program ends there with status `stack-overflow` (so does a parser
//   that runs out of stack: a compile error with that status). Any other
//   node exception from inside engine262 (an engine262 assertion, node's
//   own string or array length limits) ends the program with `error` and
//   the exception's name and message. The agent is dropped either way.
// * Wall clock: engine262 calls the agent's `onNodeEvaluation` hook before
//   evaluating every parse node; every 64th call compares the clock with
//   the program's deadline and past it ends the program with `timeout` (the
//   events so far are already out). A loop inside one built-in that
//   evaluates no ECMAScript code (a huge `join`) is not checked: the
//   harness's kill after the wall clock covers it. The deadline is the
//   request's `wallMs` from when its line was read (SHELL.setDeadline, when
//   the core calls it, sets it exactly).
// * Dynamic import() rejects with the realm's TypeError (no module loader).
//   FinalizationRegistry cleanup never runs: engine262 enqueues it only from
//   its `gc()`, which the host never calls (WeakRefs are never emptied).
// * A new realm's global has exactly engine262's ECMA-262 globals (plus the
//   proposals engine262 ships unflagged: Temporal, ShadowRealm, ...; a
//   ShadowRealm is one more engine262 realm with no host functions): no
//   shell function, so shellGlobals is empty.
// * I/O: requests are read from fd 0 with blocking reads, split at "\n" on
//   bytes (a line may be several MB) and decoded as UTF-8; EOF ends `serve`
//   (a last line without "\n" is still served).
//   Answers go to fd 3 with blocking writes (fd 1 is /dev/null: engine262
//   itself never prints, but nothing it might print could pass for an
//   answer).
const SHELL = (() => {
  const fs = require('fs');
  const pkgDir = process.env.TICKDIFF_ENGINE262;
  if (typeof pkgDir !== 'string' || pkgDir === '') {
    throw new Error('tickdiff engine262 host: TICKDIFF_ENGINE262 (the @engine262/engine262 package directory) is not set');
  }
  const E = require(pkgDir);
  const pkgVersion = JSON.parse(fs.readFileSync(`${pkgDir}/package.json`, 'utf8')).version;
  const {
    Agent, ManagedRealm, ScriptRecord, ParseScript, Value, Call, Get, CreateBuiltinFunction,
    FinishLoadingImportedModule, Throw, skipDebugger, EnsureCompletion, ThrowCompletion,
    runSingleJobInQueue, setSurroundingAgent, PrimitiveValue, JSStringValue, PropertyKeyMap,
  } = E;
  const CHECK_EVERY = 64;

  // A program's exception leaving evaluate or call (its value stays in the realm).
  class RealmThrow extends Error {
    constructor() { super('an exception escaped the engine262 realm'); }
  }

  // --- values crossing between node and a realm ---
  const isValue = (x) => x instanceof Value;
  // Host -> realm: primitives become engine262 Values; Values pass through.
  const toEngine = (x) => {
    if (isValue(x)) return x;
    const t = typeof x;
    if (x === undefined || x === null || t === 'boolean' || t === 'string' || t === 'number') return Value(x);
    throw new TypeError(`tickdiff engine262 host: cannot pass a ${t} into a realm`);
  };
  // Realm -> host: undefined, null, booleans, numbers and strings become
  // node's; other values (objects) stay engine262 Values, opaque to the core.
  const PRIMITIVE = { Undefined: true, Null: true, Boolean: true, Number: true, String: true };
  const toHost = (v) => (PRIMITIVE[v.type] === true ? v.value : v);
  // What a native receives: primitives only (anything else is undefined).
  const toHostPrimitive = (v) => (v !== undefined && PRIMITIVE[v.type] === true ? v.value : undefined);

  // --- the clock and the deadline ---
  const now = () => performance.now();
  let deadline = Infinity;
  let deadlineWall = 0;
  let ticks = 0;
  const onNodeEvaluation = () => {
    if (++ticks < CHECK_EVERY) return;
    ticks = 0;
    if (now() >= deadline) {
      deadline = Infinity;
      throw new Stop('timeout', `wall-clock limit: ${deadlineWall} ms elapsed`);
    }
  };
  // The request's wallMs, read off its JSON line without parsing it all:
  // outside a JSON string a `"` is a delimiter, inside one it is escaped,
  // so `"wallMs":` is the top-level key.
  const WALL = /"wallMs":\s*(\d+(?:\.\d+)?)/;
  const startDeadline = (line) => {
    const m = WALL.exec(line);
    deadlineWall = m ? Number(m[1]) : 0;
    deadline = m ? now() + deadlineWall : Infinity;
  };

  // --- realms ---
  const refuseImport = (referrer, moduleRequest, hostDefined, payload) => {
    FinishLoadingImportedModule(referrer, moduleRequest, payload, Throw.TypeError('import() is not supported'));
  };
  const newAgent = () => {
    const agent = new Agent({
      startEventLoop: false,
      hostHooks: { HostLoadImportedModule: refuseImport },
      onNodeEvaluation,
    });
    setSurroundingAgent(agent);
    return agent;
  };

  // A copy plan of a new realm (see the header): the objects reachable from
  // the Realm Record, each with its prototype and its own properties in
  // order, a property's value either shared (an engine262 primitive Value,
  // a host function) or the index of another object. makePlan refuses
  // anything it could not copy exactly (a property that is not a plain
  // writable, enumerable, configurable data property, a non-extensible
  // object, a non-empty Map or Set, a typed array, a WeakMap, a promise,
  // ...): then every realm is made by engine262 (`new ManagedRealm`).
  const makePlan = (root) => {
    const index = new Map();
    const objs = [];
    const shared = (v) => v === null || typeof v !== 'object' || v instanceof PrimitiveValue;
    const visit = (v) => {
      if (!shared(v) && !index.has(v)) { index.set(v, objs.length); objs.push(v); }
    };
    const slot = (s, k, x) => {
      visit(x);
      if (shared(x)) s.push(k, false, x); else s.push(k, true, index.get(x));
    };
    visit(root);
    const kinds = [], protos = [], slots = [];
    for (let i = 0; i < objs.length; i++) {
      const v = objs[i];
      const proto = Object.getPrototypeOf(v);
      const s = [];
      let kind;
      if (proto === PropertyKeyMap.prototype) {
        kind = 'keys';
        for (const [k, x] of v.entries()) {
          if (k instanceof JSStringValue) slot(s, k.stringValue(), x);
          else if (k instanceof PrimitiveValue) slot(s, k, x);
          else throw new Error('a property key that is not a primitive');
        }
      } else {
        if (v instanceof Map || v instanceof Set) {
          if ((proto !== Map.prototype && proto !== Set.prototype) || v.size !== 0) throw new Error('a Map or Set');
          kind = proto === Map.prototype ? 'map' : 'set';
        } else if (Array.isArray(v)) {
          if (proto !== Array.prototype || Object.keys(v).length !== v.length) throw new Error('an unusual array');
          kind = 'array';
        } else if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer || v instanceof WeakMap || v instanceof WeakSet
            || v instanceof WeakRef || v instanceof Promise || v instanceof Date || v instanceof RegExp || v instanceof Error) {
          throw new Error(`a ${Object.prototype.toString.call(v)}`);
        } else {
          kind = 'object';
        }
        if (!Object.isExtensible(v)) throw new Error('a non-extensible object');
        for (const k of Reflect.ownKeys(v)) {
          if (kind === 'array' && k === 'length') continue;
          const d = Reflect.getOwnPropertyDescriptor(v, k);
          if (!('value' in d) || !d.writable || !d.enumerable || !d.configurable) throw new Error(`an unusual property ${String(k)}`);
          slot(s, k, d.value);
        }
      }
      kinds.push(kind);
      protos.push(proto);
      slots.push(s);
    }
    return { n: objs.length, kinds, protos, slots };
  };
  const copyPlan = (plan) => {
    const { n, kinds, protos, slots } = plan;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const k = kinds[i];
      out[i] = k === 'object' ? Object.create(protos[i]) : k === 'keys' ? new PropertyKeyMap()
        : k === 'array' ? [] : k === 'map' ? new Map() : new Set();
    }
    for (let i = 0; i < n; i++) {
      const c = out[i], s = slots[i];
      if (kinds[i] === 'keys') {
        for (let j = 0; j < s.length; j += 3) c.set(s[j], s[j + 1] ? out[s[j + 2]] : s[j + 2]);
      } else {
        for (let j = 0; j < s.length; j += 3) c[s[j]] = s[j + 1] ? out[s[j + 2]] : s[j + 2];
      }
    }
    return out[0];
  };
  let plan = null;
  let planFailure = 'off';
  if (process.env.TICKDIFF_ENGINE262_FRESH !== '1') {
    try {
      newAgent();
      plan = makePlan(new ManagedRealm({}));
      planFailure = null;
    } catch (e) {
      planFailure = String(e && e.message);
    }
  }
  const makeRealm = () => {
    const agent = newAgent();
    let realm;
    if (plan !== null) {
      realm = copyPlan(plan);
      realm.AgentSignifier = agent.AgentRecord.Signifier;
    } else {
      realm = new ManagedRealm({});
    }
    return { agent, realm };
  };
  let spare = null;
  const prepareSpare = () => {
    if (spare !== null) return;
    try { spare = makeRealm(); } catch (_) { spare = null; }
  };

  // Runs f (engine262 work in realm r) with r's top context as the running
  // execution context; a node exception from inside engine262 ends the
  // program (see the header): Stop as is, node's stack overflow as
  // `stack-overflow`, anything else as `error`.
  const inRealm = (r, f, overflowStatus) => {
    setSurroundingAgent(r.agent);
    const pop = r.realm.pushTopContext();
    let result;
    try {
      result = f();
    } catch (e) {
      throw hostFailure(e, overflowStatus);
    }
    if (pop) pop();
    return result;
  };
  const hostFailure = (e, overflowStatus) => {
    if (e instanceof Stop) return e;
    let name = 'Error', message = '';
    try { name = String(e && e.name); message = String(e && e.message); } catch (_) {}
    if (e instanceof RangeError && message === 'Maximum call stack size exceeded') {
      const detail = `RangeError: ${message} (node's stack, inside engine262)`;
      return overflowStatus === 'compile' ? compileError(detail, 'stack-overflow') : new Stop('stack-overflow', detail);
    }
    return new Stop('error', `engine262 failed: ${name}: ${message}`);
  };
  const completionValue = (c) => {
    c = EnsureCompletion(c);
    if (c instanceof ThrowCompletion) throw new RealmThrow();
    return toHost(c.Value);
  };

  // Parse trees of the host's own scripts, by source.
  const hostTrees = new Map();
  const syntaxErrorDetail = (r, errors) => {
    let message = '';
    try {
      message = inRealm(r, () => toHost(EnsureCompletion(skipDebugger(Get(errors[0], Value('message')))).Value));
    } catch (_) {}
    return `SyntaxError: ${typeof message === 'string' ? message : ''}`;
  };

  return {
    name: 'engine262',
    version: `engine262 ${pkgVersion} (node ${process.version})${planFailure === null ? '' : `, realms made one by one (${planFailure})`}`,
    countsJobs: true,
    shellGlobals: [],
    writeLine: writeAnswerLine,
    serve(handle) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      let parts = [];
      for (;;) {
        prepareSpare();
        let n;
        try {
          n = fs.readSync(0, chunk, 0, chunk.length, null);
        } catch (e) {
          if (e.code === 'EAGAIN') continue;
          if (e.code === 'EOF') return;
          throw e;
        }
        if (n === 0) {
          // EOF: a last line without its "\n" is still a request.
          if (parts.length > 0) {
            const line = Buffer.concat(parts).toString('utf8');
            parts = [];
            startDeadline(line);
            handle(line);
          }
          return;
        }
        let start = 0;
        for (;;) {
          const nl = chunk.indexOf(10, start);
          if (nl < 0 || nl >= n) break;
          parts.push(Buffer.from(chunk.subarray(start, nl)));
          const line = Buffer.concat(parts).toString('utf8');
          parts = [];
          start = nl + 1;
          startDeadline(line);
          handle(line);
          deadline = Infinity;
          prepareSpare();
        }
        if (start < n) parts.push(Buffer.from(chunk.subarray(start, n)));
      }
    },
    exit() { process.exit(0); },
    now,
    // Optional: the core's own deadline (SHELL.now() milliseconds) and wall.
    setDeadline(ms, wallMs) {
      deadline = ms;
      if (wallMs !== undefined) deadlineWall = wallMs;
    },
    newRealm() {
      const r = spare !== null ? spare : makeRealm();
      spare = null;
      setSurroundingAgent(r.agent);
      ticks = 0;
      return r;
    },
    globalOf(r) { return r.realm.GlobalObject; },
    evaluate(r, source, isHost) {
      let record;
      const tree = isHost ? hostTrees.get(source) : undefined;
      if (tree !== undefined) {
        record = new ScriptRecord({ Realm: r.realm, ECMAScriptCode: tree, LoadedModules: [], HostDefined: {} });
      } else {
        const parsed = inRealm(r, () => ParseScript(source, r.realm, { doNotTrackScriptId: true }), 'compile');
        if (Array.isArray(parsed)) throw compileError(syntaxErrorDetail(r, parsed));
        record = parsed;
        if (isHost) hostTrees.set(source, parsed.ECMAScriptCode);
      }
      setSurroundingAgent(r.agent);
      let c;
      try {
        c = r.realm.evaluateScriptSkipDebugger(record);
      } catch (e) {
        throw hostFailure(e);
      }
      return completionValue(c);
    },
    call(r, f, args) {
      const argv = [];
      for (let i = 0; i < args.length; i++) argv.push(toEngine(args[i]));
      return completionValue(inRealm(r, () => skipDebugger(Call(f, Value.undefined, argv))));
    },
    native(r, fn) {
      const steps = (argumentsList) => {
        const a = [];
        for (let i = 0; i < argumentsList.length; i++) a.push(toHostPrimitive(argumentsList[i]));
        return toEngine(Reflect.apply(fn, undefined, a));
      };
      return inRealm(r, () => CreateBuiltinFunction(steps, fn.length, Value(''), [], r.realm));
    },
    // The `left` property of SETUP's entry point (a string).
    leftOf(r, host) {
      return inRealm(r, () => toHost(EnsureCompletion(skipDebugger(Get(host, Value('left')))).Value));
    },
    drainJobs(r, onJob) {
      setSurroundingAgent(r.agent);
      const queue = r.agent.jobQueue;
      let failed = false;
      const onError = () => { failed = true; };
      const finished = () => {};
      while (queue.length > 0) {
        const job = queue.shift();
        onJob();
        try {
          runSingleJobInQueue(job, onError, finished);
        } catch (e) {
          throw hostFailure(e);
        }
        // Promise jobs handle their own errors: an abrupt job is the host's failure.
        if (failed) throw new Error('an engine262 job completed abruptly');
      }
    },
  };
})();
