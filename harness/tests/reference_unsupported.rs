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
//!   engines' trace.

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
    // `new Error` is not modelled: never `!uncaught` instead of the catch.
    (
        "const p = Promise.reject(new Error('x')); p.catch(() => log('caught')); log('sync');",
        &["sync", "caught"],
        Want::Unsupported("`Error`"),
    ),
    ("log('x'.repeat(3));", &["xxx"], Want::Unsupported("String.prototype.repeat")),
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
    // DESIGN.md §1 names `console.log`; the engines' host does not have it yet.
    ("console.log('a');", &["!uncaught"], Want::Unsupported("`console`")),
    ("log(JSON.stringify([1]));", &["[1]"], Want::Unsupported("`JSON`")),
    ("log(Math.max(1, 2));", &["2"], Want::Unsupported("`Math`")),
    ("log([3, 4].indexOf(4));", &["1"], Want::Unsupported("Array.prototype.indexOf")),
    ("log((5).toFixed(1));", &["5.0"], Want::Unsupported("Number.prototype.toFixed")),
    ("log(({ a: 1 }).hasOwnProperty('a'));", &["true"], Want::Unsupported("Object.prototype.hasOwnProperty")),
    ("log((() => 0).length);", &["0"], Want::Unsupported("`length`")),
    ("function F() {} new F(); log('made');", &["made"], Want::Unsupported("`new`")),
    ("log(NaN + '' + Infinity);", &["NaNInfinity"], Want::Exact),
    ("try { null.x; } catch (e) { log(e.name); }", &["TypeError"], Want::Unsupported("TypeError.prototype.name")),
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
