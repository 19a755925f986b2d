//! The reference never gives a wrong answer where it lacks a feature: a
//! global, a built-in property or a conversion it does not model ends the
//! run as `unsupported`, naming it. Checked two ways:
//! - small programs whose traces were worked out by hand from ECMA-262 and
//!   the host model: the engines give exactly that trace, the reference
//!   gives it too or says `unsupported`;
//! - a walk over what the engines define: every own property name of the
//!   global object and of every intrinsic constructor and prototype
//!   (listed by QuickJS and Boa at test time) is probed on the reference,
//!   which must say `unsupported` naming it, or answer as QuickJS does; a
//!   member it models must also have a probe that uses it, with the
//!   engines' trace. (Symbol-keyed members cannot be written as a member
//!   access in the model; the ones it reaches, `[Symbol.iterator]` of a
//!   string, are among the minimal programs.)

use harness::engines::backend_by_name;
use harness::frontend::parse_program;
use harness::outcome::{Backend, Limits, Outcome, ProgramInput, Status};
use harness::reference::{Mutant, Reference};

fn input(src: &str) -> ProgramInput {
    let model = parse_program(src, "probe.js").unwrap_or_else(|e| panic!("front end rejects {src}: {e}"));
    ProgramInput { source: src.to_string(), model: Some(model) }
}

fn on_reference(src: &str) -> Outcome {
    Reference::new(Mutant::None).run(&input(src), &Limits::default())
}

/// `srcs` on the engine `name`, in one batch.
fn on_engine(name: &str, srcs: &[String]) -> Vec<Outcome> {
    let b = backend_by_name(name).expect("known engine");
    let inputs: Vec<ProgramInput> =
        srcs.iter().map(|s| ProgramInput { source: s.clone(), model: None }).collect();
    let refs: Vec<&ProgramInput> = inputs.iter().collect();
    b.run_batch(&refs, &Limits::default())
}

/// What the reference must do with a minimal program.
enum Want {
    /// The exact trace (the model covers everything the program uses).
    Exact,
    /// `unsupported`, with a detail that names this.
    Unsupported(&'static str),
}

/// Programs that gave wrong answers with status `ok`, and their traces.
const MINIMAL: &[(&str, &[&str], Want)] = &[
    // Once a `!uncaught` where the catch runs: `new Error` was not modelled.
    (
        "const p = Promise.reject(new Error('x')); p.catch(() => log('caught')); log('sync');",
        &["sync", "caught"],
        Want::Exact,
    ),
    ("log('x'.codePointAt(0));", &["120"], Want::Unsupported("String.prototype.codePointAt")),
    ("log('abc'.length);", &["3"], Want::Exact),
    // ToPrimitive calls the program's toString / valueOf.
    ("log({ toString() { return 'T'; } });", &["T"], Want::Exact),
    ("log('' + { valueOf() { return 1; } });", &["1"], Want::Exact),
    ("log({ valueOf() { return 1; } } + 1);", &["2"], Want::Exact),
    ("log({ toString() { return 'a'; }, valueOf() { return 'b'; } } + '');", &["b"], Want::Exact),
    ("log('' + {});", &["[object Object]"], Want::Exact),
    ("log('' + Promise.resolve());", &["[object Promise]"], Want::Exact),
    ("log([1, [2, 3]] + '');", &["1,2,3"], Want::Exact),
    ("log([1, 2] + 1);", &["1,21"], Want::Exact),
    // The host converts the delay (user code runs) before anything else.
    (
        "setTimeout(() => log('late'), { valueOf() { log('v'); return 5; } }); setTimeout(() => log('early'), 1);",
        &["v", "early", "late"],
        Want::Exact,
    ),
    (
        "const t = setTimeout(() => log('t'), 1); clearTimeout({ valueOf() { return t; } }); log('s');",
        &["s"],
        Want::Exact,
    ),
    ("const t = setTimeout(() => log('t'), 1); clearTimeout('1'); log('s');", &["s"], Want::Exact),
    // Due times past 2^32 ms keep their order.
    (
        "setTimeout(() => log('a'), 5000000000); setTimeout(() => log('b'), 4300000000);",
        &["b", "a"],
        Want::Exact,
    ),
    // Iterating a string.
    (
        "(async () => { for await (const c of 'ab') { log(c); } })();",
        &["a", "b"],
        Want::Unsupported("String.prototype[Symbol.iterator]"),
    ),
    (
        "Promise.all('ab').then((v) => log(v.join('')));",
        &["ab"],
        Want::Unsupported("String.prototype[Symbol.iterator]"),
    ),
    ("Promise.all(5).catch(() => log('rejected'));", &["rejected"], Want::Exact),
    // Built-ins: modelled ones answer, the others are unsupported.
    ("const v = ['a', 'b']; log(v.join(''));", &["ab"], Want::Exact),
    (
        "Promise.allSettled([Promise.resolve(1), Promise.reject(2)]).then((r) => log(r.map((x) => x.status).join(',')));",
        &["fulfilled,rejected"],
        Want::Exact,
    ),
    // The host's `console` has `log` only, on every backend.
    ("console.log('a', 1);", &["a 1"], Want::Exact),
    ("try { console.info('a'); } catch (e) { log('no info'); }", &["no info"], Want::Exact),
    ("log(JSON.parse('[1]')[0]);", &["1"], Want::Unsupported("JSON.parse")),
    ("log(Math.max(1, 2));", &["2"], Want::Exact),
    ("log(Math.abs(-1));", &["1"], Want::Unsupported("Math.abs")),
    ("log([3, 4].indexOf(4));", &["1"], Want::Exact),
    ("log([3, 4].lastIndexOf(4));", &["1"], Want::Unsupported("Array.prototype.lastIndexOf")),
    ("log((5).toFixed(1));", &["5.0"], Want::Unsupported("Number.prototype.toFixed")),
    ("log(({ a: 1 }).hasOwnProperty('a'));", &["true"], Want::Exact),
    ("log(''.hasOwnProperty('length'));", &["true"], Want::Unsupported("hasOwnProperty")),
    ("log(log.hasOwnProperty('name'));", &["true"], Want::Unsupported("`name`")),
    // CreateListFromArrayLike reads `length`, then each index.
    (
        "function g(a, b) { return a + b; } function f() { return g.apply(null, arguments); } log(f(1, 2));",
        &["3"],
        Want::Exact,
    ),
    (
        "const a = { length: 2 }; a['0'] = 5; Object.defineProperty(a, '1', { get() { log('get'); return 7; } }); log(Math.max.apply(null, a));",
        &["get", "7"],
        Want::Exact,
    ),
    ("log((() => 0).length);", &["0"], Want::Unsupported("`length`")),
    ("function F() {} new F(); log('made');", &["made"], Want::Exact),
    // A sloppy function's arguments object aliases its parameters.
    ("function f(a) { a = 2; log(arguments[0]); } f(1);", &["2"], Want::Unsupported("assigns to a parameter")),
    ("function f(a) { arguments[0] = 2; log(a); } f(1);", &["2"], Want::Unsupported("mapped")),
    ("function f() { log(typeof arguments.callee); } f();", &["function"], Want::Unsupported("arguments.callee")),
    ("class C { m(a) { a = 2; return arguments[0]; } } log(new C().m(1));", &["1"], Want::Exact),
    ("log(typeof arguments);", &["undefined"], Want::Exact),
    ("log(NaN + '' + Infinity);", &["NaNInfinity"], Want::Exact),
    ("try { null.x; } catch (e) { log(e.name); }", &["TypeError"], Want::Exact),
    // Names no engine defines still throw ReferenceError.
    ("try { nope; } catch (e) { log('caught'); }", &["caught"], Want::Exact),
];

#[test]
fn minimal_programs_give_the_spec_trace_or_unsupported() {
    let srcs: Vec<String> = MINIMAL.iter().map(|m| m.0.to_string()).collect();
    for engine in ["quickjs", "boa"] {
        for ((src, want, _), out) in MINIMAL.iter().zip(on_engine(engine, &srcs)) {
            assert_eq!(out.status, Status::Ok, "{engine} on {src}: {:?}", out.detail);
            assert_eq!(out.labels(), *want, "{engine} on {src}");
        }
    }
    for (src, want, expect) in MINIMAL {
        let out = on_reference(src);
        match expect {
            Want::Exact => {
                assert_eq!(out.status, Status::Ok, "reference on {src}: {:?}", out.detail);
                assert_eq!(out.labels(), *want, "reference on {src}");
            }
            Want::Unsupported(what) => {
                assert_eq!(out.status, Status::Unsupported, "reference on {src}: {:?}", out.labels());
                let detail = out.detail.unwrap_or_default();
                assert!(detail.contains(what), "reference on {src}: detail {detail:?} does not name {what}");
            }
        }
    }
}

/// A built-in object the model reaches: its name, a JavaScript expression
/// for it (for the engines to list its names), and a probe program that
/// reads its property `%K` in the model's subset.
struct Target {
    name: String,
    engine: String,
    probe: String,
}

fn target(name: &str, engine: &str, probe: &str) -> Target {
    Target { name: name.into(), engine: engine.into(), probe: probe.into() }
}

/// The objects a program in the model can reach without a global the
/// reference lacks.
fn reachable() -> Vec<Target> {
    let type_error = "try { null.x; } catch (e) { const x = e.%K; log('ok'); }";
    let gen = "Object.getPrototypeOf(function* () {}).prototype";
    let agen = "Object.getPrototypeOf(async function* () {}).prototype";
    vec![
        target("Object.prototype", "Object.prototype", "const x = ({}).%K; log('ok');"),
        target("a function", "(function () {})", "const x = (function () {}).%K; log('ok');"),
        target("a generator function", "(function* () {})", "const x = (function* () {}).%K; log('ok');"),
        target("an arrow function", "(() => 0)", "const x = (() => 0).%K; log('ok');"),
        target("a host function", "log", "const x = log.%K; log('ok');"),
        target(
            "an arguments object",
            "(function () { return arguments; })()",
            "const x = (function () { return arguments; })().%K; log('ok');",
        ),
        target("console", "console", "const x = console.%K; log('ok');"),
        target("Function.prototype", "Function.prototype", "const x = (() => 0).%K; log('ok');"),
        target("Array.prototype", "Array.prototype", "const x = [].%K; log('ok');"),
        target("String.prototype", "String.prototype", "const x = 's'.%K; log('ok');"),
        target("Number.prototype", "Number.prototype", "const x = (1).%K; log('ok');"),
        target("Boolean.prototype", "Boolean.prototype", "const x = true.%K; log('ok');"),
        target("Promise", "Promise", "const x = Promise.%K; log('ok');"),
        target("Promise.prototype", "Promise.prototype", "const x = Promise.resolve().%K; log('ok');"),
        target("%GeneratorPrototype%", gen, "const x = (function* () {})().%K; log('ok');"),
        target(
            "Iterator.prototype",
            &format!("Object.getPrototypeOf({gen})"),
            "const x = (function* () {})().%K; log('ok');",
        ),
        target("%AsyncGeneratorPrototype%", agen, "const x = (async function* () {})().%K; log('ok');"),
        target(
            "%AsyncIteratorPrototype%",
            &format!("Object.getPrototypeOf({agen})"),
            "const x = (async function* () {})().%K; log('ok');",
        ),
        target("a TypeError", "(() => { try { null.x; } catch (e) { return e; } })()", type_error),
        target("TypeError.prototype", "TypeError.prototype", type_error),
        target("Error.prototype", "Error.prototype", type_error),
        target(
            "a ReferenceError",
            "(() => { try { nope; } catch (e) { return e; } })()",
            "try { nope; } catch (e) { const x = e.%K; log('ok'); }",
        ),
        target(
            "an AggregateError",
            "new AggregateError([])",
            "Promise.any([]).catch((e) => { const x = e.%K; log('ok'); });",
        ),
        target(
            "AggregateError.prototype",
            "AggregateError.prototype",
            "Promise.any([]).catch((e) => { const x = e.%K; log('ok'); });",
        ),
    ]
}

/// Programs that use each member the reference models, keyed by target
/// and name: they must give the engines' trace.
const USES: &[(&str, &str, &str)] = &[
    ("global", "JSON", "log(JSON.stringify({ a: [1, 'b', null, undefined], c: { toJSON(k) { return k + '!'; } } }, null, 1));"),
    ("JSON", "stringify", "const o = { x: 1 }; o.o = o; try { JSON.stringify(o); } catch (e) { log(e.name); } log('' + JSON.stringify(() => 1) + JSON.stringify('q\\t'));"),
    ("Array.prototype", "at", "log('' + [1, 2, 3].at(-1) + [1].at(5) + [1, 2].at('1'));"),
    ("Array.prototype", "every", "log('' + [1, 2].every((x, i, a) => { log('e' + x + i + a.length); return x < 2; }) + [].every(() => false));"),
    ("Array.prototype", "some", "log('' + [1, 2].some(function (x) { log(this.t + x); return x > 1; }, { t: 's' }) + [].some(() => true));"),
    ("Array.prototype", "find", "const a = [1, 2, 3]; log('' + a.find((x, i) => { if (i === 0) a.length = 1; log('f' + x); return x > 5; }));"),
    ("Array.prototype", "findIndex", "log('' + [5, 6].findIndex((x) => x === 6) + [].findIndex(() => true));"),
    ("Array.prototype", "findLast", "log('' + [1, 2, 3].findLast((x) => { log('l' + x); return x < 3; }));"),
    ("Array.prototype", "findLastIndex", "log('' + [1, 2, 3].findLastIndex((x) => x === 1) + [1].findLastIndex(() => false));"),
    ("Array.prototype", "reduce", "log('' + [1, 2, 3].reduce((acc, x, i) => acc + x * i) + [].reduce((a) => a, 'i')); try { [].reduce((a) => a); } catch (e) { log(e.name); }"),
    ("Array.prototype", "reduceRight", "log(['a', 'b', 'c'].reduceRight((acc, x, i) => acc + x + i, '>'));"),
    ("Array.prototype", "reverse", "const a = [1, 2, 3]; log('' + (a.reverse() === a) + a.join());"),
    ("String.prototype", "at", "log('abc'.at(-1) + 'abc'.at(0) + 'abc'.at(7));"),
    ("String.prototype", "charAt", "log('abc'.charAt(1) + '[' + 'abc'.charAt(-1) + ']' + 'abc'.charAt());"),
    ("String.prototype", "endsWith", "log('' + 'abc'.endsWith('bc') + 'abc'.endsWith('a', 1) + 'abc'.endsWith(''));"),
    ("String.prototype", "includes", "log('' + 'abc'.includes('b') + 'abc'.includes('a', 1) + 'abc'.includes(''));"),
    ("String.prototype", "indexOf", "log('' + 'abcb'.indexOf('b') + 'abcb'.indexOf('b', 2) + 'abc'.indexOf('z') + 'abc'.indexOf('', 9));"),
    ("String.prototype", "padEnd", "log('ab'.padEnd(5, '12') + '|' + 'ab'.padEnd(1) + '|' + 'ab'.padEnd(4) + '|');"),
    ("String.prototype", "padStart", "log('7'.padStart(3, '0') + '|' + 'ab'.padStart(5, 'xyz') + '|' + 'a'.padStart(3, ''));"),
    ("String.prototype", "repeat", "log('ab'.repeat(2) + '[' + 'x'.repeat(0) + ']'); try { 'x'.repeat(-1); } catch (e) { log(e.name); }"),
    ("String.prototype", "slice", "log('hello'.slice(1, -1) + '|' + 'hello'.slice(-2) + '|' + 'hello'.slice(4, 2) + '|');"),
    ("String.prototype", "split", "log('a,b,,c'.split(',').join('|') + ' ' + 'abc'.split('').length + ' ' + 'a b c'.split(' ', 2).join() + ' ' + 'abc'.split().length + ' ' + 'abc'.split('b', 0).length);"),
    ("String.prototype", "startsWith", "log('' + 'abc'.startsWith('ab') + 'abc'.startsWith('b', 1) + 'abc'.startsWith('c', 9));"),
    ("String.prototype", "toLowerCase", "log('AbC ÀΣ'.toLowerCase());"),
    ("String.prototype", "toUpperCase", "log('abc straße'.toUpperCase());"),
    ("String.prototype", "trim", "log('[' + ' \\t a b \\n'.trim() + ']');"),
    ("String.prototype", "trimEnd", "log('[' + '  a  '.trimEnd() + ']');"),
    ("String.prototype", "trimStart", "log('[' + '  a  '.trimStart() + ']');"),
    ("Object", "entries", "const o = { a: 1, get b() { log('get'); return 2; } }; log(Object.entries(o).join(';'));"),
    ("Object", "values", "log(Object.values({ x: 'p', y: 'q' }).join() + Object.values([3, 4]).join());"),
    ("Object", "assign", "const t = { set s(v) { log('set' + v); } }; const r = Object.assign(t, { a: 1 }, undefined, { s: 2 }); log('' + (r === t) + Object.keys(t));"),
    ("global", "undefined", "log(undefined);"),
    ("global", "NaN", "log(NaN);"),
    ("global", "Infinity", "log(Infinity);"),
    ("global", "Promise", "Promise.resolve(1).then((v) => log('' + v));"),
    ("global", "log", "log('a');"),
    (
        "Function.prototype",
        "call",
        "const o = { n: 'o', m(a, b) { log(this.n + a + b); } }; o.m.call({ n: 'c' }, 1, 2); o.m.call(o);",
    ),
    (
        "Function.prototype",
        "apply",
        "const o = { n: 'o', m(a, b) { log(this.n + a + b); } }; o.m.apply({ n: 'p' }, [1]); o.m.apply(o, null); try { o.m.apply(o, 1); } catch (e) { log(e.name); }",
    ),
    (
        "a function",
        "prototype",
        "function F() { this.x = 1; } F.prototype.m = function () { return this.x; }; log('' + new F().m() + (F.prototype.constructor === F) + Object.keys(F.prototype));",
    ),
    ("an arguments object", "length", "log((function () { return arguments.length; })(1, 2));"),
    ("global", "console", "console.log('a', 1, undefined); console.log();"),
    ("console", "log", "console.log({ toString() { return 'o'; } }, [1, 2]);"),
    ("global", "setTimeout", "setTimeout((a) => log(a), 1, 'x'); log('s');"),
    ("global", "clearTimeout", "clearTimeout(setTimeout(() => log('t'), 1)); log('s');"),
    (
        "global",
        "queueMicrotask",
        "queueMicrotask(() => log('q')); Promise.resolve().then(() => log('p')); log('s');",
    ),
    (
        "global",
        "Error",
        "log('' + new Error('a') + ' ' + Error('b').message + ' ' + new Error('c', { cause: 1 }).cause);",
    ),
    ("global", "TypeError", "Promise.reject(new TypeError('t')).catch((e) => log('' + e));"),
    (
        "global",
        "String",
        "log(String(1) + String() + String(null) + String({ toString() { return 'o'; } }));",
    ),
    ("global", "RangeError", "log('' + RangeError());"),
    (
        "global",
        "Object",
        "const o = Object.create(null); Object.defineProperty(o, 'x', { value: 1, enumerable: true }); log(Object.keys(o).join() + Object.getPrototypeOf(o));",
    ),
    ("global", "ReferenceError", "log(new ReferenceError('r').name);"),
    ("global", "SyntaxError", "log(new SyntaxError(1).message + 1);"),
    ("global", "EvalError", "log('' + new EvalError({ toString() { return 'e'; } }));"),
    ("global", "URIError", "log('' + URIError(undefined));"),
    ("global", "AggregateError", "log(new AggregateError([1, new Error('x')], 'm').errors.join());"),
    ("Error.prototype", "toString", "log(new Error('m').toString());"),
    ("Error.prototype", "name", "log(new Error().name);"),
    ("Error.prototype", "message", "log('[' + new Error().message + ']');"),
    ("Error.prototype", "constructor", "log(new Error().constructor.prototype.name);"),
    ("TypeError.prototype", "name", "try { null.x; } catch (e) { log(e.name); }"),
    ("TypeError.prototype", "constructor", "try { null.x; } catch (e) { log(new e.constructor('c').name); }"),
    ("AggregateError.prototype", "name", "Promise.any([]).catch((e) => log(e.name));"),
    (
        "AggregateError.prototype",
        "constructor",
        "Promise.any([]).catch((e) => log(new e.constructor([], 'm').message));",
    ),
    ("TypeError.prototype", "message", "log('[' + new TypeError().message + ']');"),
    ("Object.prototype", "toString", "log(({}).toString());"),
    ("Object.prototype", "valueOf", "log('' + ({}).valueOf());"),
    (
        "Object.prototype",
        "hasOwnProperty",
        "const o = { a: 1 }; log(o.hasOwnProperty('a') + ' ' + o.hasOwnProperty('toString') + ' ' + [1].hasOwnProperty(0) + ' ' + [1].hasOwnProperty('length') + ' ' + Object.prototype.hasOwnProperty.call(Object.create(o), 'a') + ' ' + (function () {}).hasOwnProperty('prototype'));",
    ),
    ("Array.prototype", "length", "log([1, 2].length);"),
    ("Array.prototype", "forEach", "[1, 2].forEach((x, i) => log(x + ':' + i));"),
    ("Array.prototype", "map", "log([1, 2].map((x) => x + 1).join(','));"),
    ("Array.prototype", "join", "log([1, [2, 3], undefined, null].join('-'));"),
    ("Array.prototype", "toString", "log([1, [2, 3]].toString());"),
    ("Array.prototype", "push", "const a = [1]; log(a.push(2, 3) + ':' + a.join());"),
    ("Array.prototype", "filter", "log([0, 1, '', 'a', null, [], 2].filter((x, i, a) => a.indexOf(x) + x).join('/'));"),
    ("Array.prototype", "slice", "log([1, 2, 3, 4].slice(1, -1).join() + '|' + [1, 2].slice(-5).join() + '|' + [1].slice(3).length);"),
    ("Array.prototype", "concat", "log([1].concat([2, [3]], 4, { a: 1 }).length);"),
    ("Array.prototype", "includes", "log([1, NaN].includes(NaN) + ' ' + [1, 2].includes(1, 1) + ' ' + [].includes(undefined));"),
    ("Array.prototype", "indexOf", "log([1, NaN, 2, 1].indexOf(1, -2) + ' ' + [NaN].indexOf(NaN) + ' ' + ['1'].indexOf(1));"),
    ("global", "Math", "log(Math.max(1, '3', 2) + ' ' + Math.min() + ' ' + Math.max(1, NaN));"),
    ("Math", "max", "log(Math.max(-1, { valueOf() { log('v'); return 4; } }));"),
    ("Math", "min", "log(Math.min(3, 1, 2) + ' ' + Math.max());"),
    ("Promise", "withResolvers", "const r = Promise.withResolvers(); r.promise.then((v) => log('got ' + v)); r.resolve(1); r.resolve(2); log('s');"),
    ("Promise", "try", "Promise.try((a, b) => a + b, 1, 2).then((v) => log('' + v)); Promise.try(() => { throw 'e'; }).catch((e) => log(e)); log('s');"),
    ("String.prototype", "length", "log('ab'.length);"),
    ("Promise", "prototype", "log('' + Promise.prototype);"),
    ("Promise", "resolve", "Promise.resolve(1).then((v) => log('' + v));"),
    ("Promise", "reject", "Promise.reject(1).catch((v) => log('' + v));"),
    ("Promise", "all", "Promise.all([1, Promise.resolve(2)]).then((v) => log('' + v));"),
    (
        "Promise",
        "allSettled",
        "Promise.allSettled([1]).then((v) => log(v.map((r) => r.status + ':' + r.value).join()));",
    ),
    ("Promise", "race", "Promise.race([Promise.resolve(2), 1]).then((v) => log('' + v));"),
    ("Promise", "any", "Promise.any([Promise.reject(1), 2]).then((v) => log('' + v));"),
    ("Promise.prototype", "then", "Promise.resolve(1).then((v) => log('' + v));"),
    ("Promise.prototype", "catch", "Promise.reject(1).catch((v) => log('' + v));"),
    ("Promise.prototype", "finally", "Promise.resolve(1).finally(() => log('f')).then((v) => log('' + v));"),
    (
        "Promise.prototype",
        "constructor",
        "Promise.resolve().constructor.resolve(3).then((v) => log('' + v));",
    ),
    ("an AggregateError", "errors", "Promise.any([Promise.reject(1)]).catch((e) => log('' + e.errors));"),
    ("%GeneratorPrototype%", "next", "const g = (function* () { yield 1; })(); log('' + g.next().value);"),
    (
        "%GeneratorPrototype%",
        "return",
        "const g = (function* () { yield 1; })(); log('' + g.return(5).value);",
    ),
    (
        "%GeneratorPrototype%",
        "throw",
        "const g = (function* () { yield 1; })(); try { g.throw(3); } catch (e) { log('' + e); }",
    ),
    (
        "%AsyncGeneratorPrototype%",
        "next",
        "(async function* () { yield 1; })().next().then((r) => log('' + r.value));",
    ),
    (
        "%AsyncGeneratorPrototype%",
        "return",
        "(async function* () { yield 1; })().return(5).then((r) => log('' + r.value));",
    ),
    (
        "%AsyncGeneratorPrototype%",
        "throw",
        "(async function* () { yield 1; })().throw(3).catch((e) => log('' + e));",
    ),
];

/// JavaScript that logs `<target>=<names>` for every target and, per
/// global, `global <name>=` and (when it is an object) its names and its
/// prototype's.
fn listing_program(targets: &[Target]) -> String {
    // Inside a function, so that its names are no globals.
    let mut src = String::from(
        "(() => {\nfunction names(o) { return Object.getOwnPropertyNames(o).join(','); }\n\
         for (const g of Object.getOwnPropertyNames(globalThis)) {\n\
           const v = globalThis[g];\n\
           log('global ' + g);\n\
           if ((typeof v === 'object' && v !== null) || typeof v === 'function') {\n\
             log('of ' + g + '=' + names(v));\n\
             const p = Object.getOwnPropertyDescriptor(v, 'prototype');\n\
             if (p && p.value && typeof p.value === 'object') log('of ' + g + '.prototype=' + names(p.value));\n\
           }\n\
         }\n",
    );
    for t in targets {
        src.push_str(&format!("log({:?} + '=' + names({}));\n", format!("target {}", t.name), t.engine));
    }
    src.push_str("})();\n");
    src
}

fn is_identifier(k: &str) -> bool {
    let mut cs = k.chars();
    cs.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

#[test]
fn every_standard_global_and_builtin_member_is_modelled_or_unsupported() {
    let mut targets = reachable();
    let listing = listing_program(&targets);
    let mut globals: Vec<String> = Vec::new();
    // (target, key) pairs: the union of what QuickJS and Boa list.
    let mut members: Vec<(usize, String)> = Vec::new();
    let mut global_targets: Vec<(String, String)> = Vec::new();
    for engine in ["quickjs", "boa"] {
        let out = on_engine(engine, std::slice::from_ref(&listing)).remove(0);
        assert_eq!(out.status, Status::Ok, "{engine} lists its names: {:?}", out.detail);
        for l in out.labels() {
            if let Some(g) = l.strip_prefix("global ") {
                if !globals.iter().any(|x| x == g) {
                    globals.push(g.to_string());
                }
            } else if let Some(rest) = l.strip_prefix("of ") {
                let (obj, keys) = rest.split_once('=').unwrap();
                global_targets.push((obj.to_string(), keys.to_string()));
            } else if let Some(rest) = l.strip_prefix("target ") {
                let (name, keys) = rest.split_once('=').unwrap();
                let t = targets.iter().position(|t| t.name == name).unwrap();
                members.extend(keys.split(',').filter(|k| !k.is_empty()).map(|k| (t, k.to_string())));
            }
        }
    }
    // Members of every global object, read through the global.
    for (obj, keys) in global_targets {
        let t = match targets.iter().position(|t| t.engine == obj && t.name.ends_with("(through the global)"))
        {
            Some(t) => t,
            None => {
                targets.push(target(
                    &format!("{obj} (through the global)"),
                    &obj,
                    &format!("const x = {obj}.%K; log('ok');"),
                ));
                targets.len() - 1
            }
        };
        members.extend(keys.split(',').filter(|k| !k.is_empty()).map(|k| (t, k.to_string())));
    }
    members.sort();
    members.dedup();

    // Probes: (what, program, names one of which an `unsupported` detail must contain).
    let mut probes: Vec<(String, String, Vec<String>)> = Vec::new();
    for g in &globals {
        probes.push((format!("global.{g}"), format!("const x = {g}; log('ok');"), vec![g.clone()]));
    }
    let mut unprobed = 0;
    for (t, k) in &members {
        if !is_identifier(k) {
            unprobed += 1;
            continue;
        }
        let t = &targets[*t];
        // Read through an unmodelled global, the detail names the global.
        let mut names = vec![k.clone()];
        if t.name.ends_with(" (through the global)") {
            names.push(t.engine.split('.').next().unwrap().to_string());
        }
        probes.push((format!("{}.{k}", t.name), t.probe.replace("%K", k), names));
    }
    let srcs: Vec<String> = probes.iter().map(|p| p.1.clone()).collect();
    let quickjs = on_engine("quickjs", &srcs);
    let (mut modelled, mut unsupported, mut front_end) = (Vec::new(), 0, 0);
    let mut failures = Vec::new();
    for ((what, src, names), q) in probes.iter().zip(&quickjs) {
        let Ok(model) = parse_program(src, "probe.js") else {
            front_end += 1;
            continue;
        };
        let input = ProgramInput { source: src.clone(), model: Some(model) };
        let r = Reference::new(Mutant::None).run(&input, &Limits::default());
        if r.status == Status::Unsupported {
            let detail = r.detail.clone().unwrap_or_default();
            if names.iter().any(|n| detail.contains(n.as_str())) {
                unsupported += 1;
            } else {
                failures.push(format!("{what}: unsupported, but {detail:?} does not name {names:?}"));
            }
        } else if r.status == q.status && r.labels() == q.labels() {
            modelled.push(what.clone());
        } else {
            failures.push(format!(
                "{what}: reference {} {:?}, quickjs {} {:?}\n  {src}",
                r.status.as_str(),
                r.labels(),
                q.status.as_str(),
                q.labels()
            ));
        }
    }
    // A member the reference reads must also work as the engines say.
    let used: Vec<String> =
        modelled.iter().filter(|w| !w.contains("(through the global)")).cloned().collect();
    for w in &used {
        let (t, k) = w.rsplit_once('.').unwrap();
        if !USES.iter().any(|u| u.0 == t && u.1 == k) {
            failures.push(format!("{w} is modelled but has no probe in USES"));
        }
    }
    let use_srcs: Vec<String> = USES.iter().map(|u| u.2.to_string()).collect();
    let engines = [on_engine("quickjs", &use_srcs), on_engine("boa", &use_srcs)];
    for (i, (t, k, src)) in USES.iter().enumerate() {
        let r = on_reference(src);
        for (e, outs) in ["quickjs", "boa"].iter().zip(&engines) {
            if r.status != Status::Ok || outs[i].status != Status::Ok || r.labels() != outs[i].labels() {
                failures.push(format!(
                    "{t}.{k}: reference {} {:?}, {e} {} {:?}\n  {src}",
                    r.status.as_str(),
                    r.labels(),
                    outs[i].status.as_str(),
                    outs[i].labels()
                ));
            }
        }
    }
    eprintln!(
        "{} globals, {} members ({} with symbol or non-identifier names, not probed); \
         modelled {} (globals {}), unsupported {}, rejected by the front end {}",
        globals.len(),
        members.len(),
        unprobed,
        modelled.len(),
        modelled.iter().filter(|w| w.starts_with("global.")).count(),
        unsupported,
        front_end
    );
    eprintln!("modelled: {}", modelled.join(", "));
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
}
