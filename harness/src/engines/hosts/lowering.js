// The lowering part of a node worker's host script, for the backends
// `<engine>+<lowering>` (engines/lowering.rs): the program's source is
// rewritten the way a transpiler ships async code to old targets, and the
// rewritten text is what the realm runs.
//
// engines/external.rs puts this file between the prelude and the adapter,
// after `const LOWERING_CONFIG = {"lowering": NAME, "tools": {TOOL: DIR}}`.
// The transpiler is loaded once, here, in the host's own realm: to it the
// program is only a string, and no program code can reach it. Its helpers
// (Babel's _asyncToGenerator, TypeScript's __awaiter, esbuild's __async,
// ...) are inlined into the lowered text, so they run inside the program's
// realm, with that realm's Promise, as they would in a user's bundle.
//
// `LOWERING.lower(source)` answers one of
//   {source: LOWERED}                          run this instead
//   {status: 'unsupported', detail}            the lowering cannot express a
//                                              construct (named); no vote
//   {status: 'lowering-error', detail}         the transpiler refused or failed
// or, where the transpiler is asynchronous (esbuild-wasm: `LOWERING.async`),
// a promise of one. Answers are cached by source (the minimizer re-runs
// near-identical candidates, and every campaign program runs once per
// backend of the engine).

const LOWERING = (() => {
  const config = LOWERING_CONFIG;
  const tool = (name) => {
    const dir = config.tools[name];
    if (typeof dir !== 'string') throw new Error(`the lowering needs tool ${name}`);
    return dir + '/node_modules/';
  };
  const fs = require('fs');

  // The runner the articles call "the same observable semantics" (issue 18),
  // exactly as written there.
  const RUN_ASYNC = `function runAsync(genFn) { return function (...args) { const gen = genFn.apply(this, args);
  return new Promise((resolve, reject) => { function step(m, a) { let r;
    try { r = gen[m](a); } catch (e) { return reject(e); }
    if (r.done) return resolve(r.value);
    Promise.resolve(r.value).then(v => step('next', v), e => step('throw', e)); }
  step('next', undefined); }); }; }
`;

  class Unsupported {
    constructor(what) { this.what = what; }
  }

  // The source transform of `runasync` and `co`: every async function
  // becomes a plain function returning WRAP(function* (params) {body})
  // applied to its receiver and arguments, and `await e` becomes `yield e`.
  // Done on Babel's AST (parser, traverse, generator), never on text.
  // What a generator cannot stand for is refused by name: async generators
  // and `for await` (no such runner has them), and an async arrow's
  // `arguments` or an async method's `super` / `new.target`, which the
  // generator function would rebind.
  function generatorRunnerPlugin(wrap) {
    return ({ types: t }) => {
      const rebinds = (fnPath) => {
        let found = null;
        fnPath.traverse({
          Function(inner) {
            if (!inner.isArrowFunctionExpression()) inner.skip();
          },
          Identifier(p) {
            if (p.node.name === 'arguments' && fnPath.isArrowFunctionExpression() && p.isReferencedIdentifier()) found = found || '`arguments` in an async arrow function';
          },
          Super() { found = found || '`super` in an async function'; },
          MetaProperty(p) {
            if (p.node.meta.name === 'new') found = found || '`new.target` in an async function';
          },
        });
        return found;
      };
      return {
        visitor: {
          ForOfStatement(path) {
            if (path.node.await) throw new Unsupported('for await');
          },
          Function: {
            enter(path) {
              const n = path.node;
              if (!n.async) return;
              if (n.generator) throw new Unsupported('async generator functions');
              const why = rebinds(path);
              if (why !== null) throw new Unsupported(why);
            },
            exit(path) {
              const n = path.node;
              if (!n.async || n.generator) return;
              let body = n.body;
              if (!t.isBlockStatement(body)) body = t.blockStatement([t.returnStatement(body)]);
              const gen = t.functionExpression(null, n.params, body, true, false);
              const arrow = t.isArrowFunctionExpression(n);
              // An arrow keeps its own lexical `this` and passes its
              // arguments on as a rest parameter.
              const args = arrow ? t.identifier('args') : t.identifier('arguments');
              const call = t.callExpression(
                t.memberExpression(t.callExpression(t.identifier(wrap), [gen]), t.identifier('apply')),
                [t.thisExpression(), args],
              );
              const newBody = t.blockStatement([t.returnStatement(call)]);
              n.async = false;
              if (arrow) {
                n.params = [t.restElement(t.identifier('args'))];
                n.body = newBody;
                n.expression = false;
              } else {
                // The parameters are the generator's: bound once, there.
                n.params = [];
                n.body = newBody;
              }
            },
          },
          AwaitExpression(path) {
            path.replaceWith(t.yieldExpression(path.node.argument));
          },
        },
      };
    };
  }

  let babel = null;
  const loadBabel = () => {
    if (babel === null) babel = require(tool('babel') + '@babel/core');
    return babel;
  };
  const babelLower = (source, plugins) => loadBabel().transformSync(source, {
    configFile: false,
    babelrc: false,
    sourceType: 'script',
    compact: false,
    retainLines: false,
    plugins,
  }).code;

  // One lowering: a function from source to lowered source (it throws an
  // Unsupported, or the transpiler's own error), made once.
  const lowerings = {
    runasync() {
      const plugin = generatorRunnerPlugin('runAsync');
      loadBabel();
      return (source) => RUN_ASYNC + babelLower(source, [plugin]);
    },
    co() {
      const plugin = generatorRunnerPlugin('__co_wrap');
      // co's own index.js, as a module of its own inside the program.
      const co = fs.readFileSync(tool('babel') + 'co/index.js', 'utf8');
      const runtime = `var __co_wrap = (function () { var module = { exports: {} }; var exports = module.exports;\n${co}\nreturn module.exports.wrap; })();\n`;
      loadBabel();
      return (source) => runtime + babelLower(source, [plugin]);
    },
    babel() {
      const plugins = [
        tool('babel') + '@babel/plugin-transform-async-to-generator',
        tool('babel') + '@babel/plugin-transform-async-generator-functions',
      ];
      loadBabel();
      return (source) => babelLower(source, plugins);
    },
    regenerator() {
      // What preset-env makes for an old target (IE 11: generators, for-of,
      // block scopes, classes, arrows all lowered), except that async
      // functions are left to regenerator itself, so they run on its own
      // async runtime (_regeneratorAsync) instead of _asyncToGenerator;
      // async generators and for await go through Babel's
      // async-generator plugin first, as preset-env has it.
      const preset = [tool('babel') + '@babel/preset-env', {
        targets: { ie: '11' },
        exclude: ['@babel/plugin-transform-async-to-generator'],
        modules: false,
      }];
      loadBabel();
      return (source) => loadBabel().transformSync(source, {
        configFile: false,
        babelrc: false,
        sourceType: 'script',
        presets: [preset],
      }).code;
    },
    'ts-es2015'() { return typescript('ES2015'); },
    'ts-es5'() { return typescript('ES5'); },
    'esbuild-es2016'() {
      // esbuild's browser build runs its wasm in this process (the node
      // build would spawn a process running it). It wants `self`, and its
      // Go runtime uses `self.fs`, `.path` and `.process` where they exist:
      // under `node -e` they are node's own (globals there), and Go's
      // stdout would go to fd 1; hidden, it makes its in-memory ones.
      const hidden = ['fs', 'path', 'process'];
      globalThis.self = new Proxy(globalThis, {
        ownKeys: (target) => Reflect.ownKeys(target).filter((k) => !hidden.includes(k)),
        // node's global getters (crypto, performance) want the global.
        get: (target, key) => (hidden.includes(key) ? undefined : Reflect.get(target, key)),
      });
      const dir = tool('esbuild') + 'esbuild-wasm/';
      const esbuild = require(dir + 'lib/browser.js');
      const wasmModule = new WebAssembly.Module(fs.readFileSync(dir + 'esbuild.wasm'));
      const ready = esbuild.initialize({ wasmModule, worker: false });
      transpilerReady = ready;
      return (source) => ready
        .then(() => esbuild.transform(source, { loader: 'js', target: 'es2016', charset: 'utf8' }))
        .then((r) => r.code);
    },
    'swc-es2015'() {
      const swc = require(tool('swc') + '@swc/wasm');
      return (source) => swc.transformSync(source, {
        jsc: { target: 'es2015', parser: { syntax: 'ecmascript' }, externalHelpers: false, loose: false },
        isModule: false,
        minify: false,
        sourceMaps: false,
      }).code;
    },
  };

  function typescript(target) {
    const ts = require(tool('typescript') + 'typescript');
    const compilerOptions = {
      target: ts.ScriptTarget[target],
      // A script stays a script under CommonJS (no `exports`, no "use
      // strict"); `None` is refused below ES2015.
      module: ts.ModuleKind.CommonJS,
      importHelpers: false,
      noEmitHelpers: false,
      downlevelIteration: true,
    };
    return (source) => {
      const out = ts.transpileModule(source, { compilerOptions, reportDiagnostics: true, fileName: 'program.js' });
      const errors = (out.diagnostics || []).filter((d) => d.category === ts.DiagnosticCategory.Error);
      if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, '\n'));
      return out.outputText;
    };
  }

  // Where the transpiler starts asynchronously, a promise the host waits
  // for before it says hello: its start is not any program's time.
  let transpilerReady = null;
  const make = lowerings[config.lowering];
  if (typeof make !== 'function') throw new Error(`no lowering ${config.lowering}`);
  const transform = make();
  const isAsync = config.lowering === 'esbuild-es2016';
  // One lowering before hello: what a transpiler loads on first use
  // (preset-env's plugins, wasm tiers) is then no program's time.
  const WARM_UP = 'async function f() { await 0; } (async () => { for await (const x of [f()]); })();';
  if (isAsync) {
    transpilerReady = transpilerReady.then(() => transform(WARM_UP)).then(() => {}, () => {});
  } else {
    try { transform(WARM_UP); } catch (_) { /* the runners refuse for await */ }
  }

  const answer = (f) => {
    try {
      return { source: f() };
    } catch (e) {
      return failure(e);
    }
  };
  const failure = (e) => {
    if (e instanceof Unsupported) return { status: 'unsupported', detail: `unsupported: ${config.lowering} cannot express ${e.what}` };
    let message;
    try {
      message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    } catch (_) {
      message = 'an unprintable error';
    }
    return { status: 'lowering-error', detail: `${config.lowering}: ${message.slice(0, 2000)}` };
  };

  const CACHE_SIZE = 1024;
  const cache = new Map();
  const remember = (source, result) => {
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value);
    cache.set(source, result);
    return result;
  };

  return {
    name: config.lowering,
    async: isAsync,
    ready: transpilerReady,
    lower(source) {
      const hit = cache.get(source);
      if (hit !== undefined) return isAsync ? Promise.resolve(hit) : hit;
      if (!isAsync) return remember(source, answer(() => transform(source)));
      let pending;
      try {
        pending = transform(source);
      } catch (e) {
        return Promise.resolve(remember(source, failure(e)));
      }
      return pending.then((code) => remember(source, { source: code }), (e) => remember(source, failure(e)));
    },
  };
})();
