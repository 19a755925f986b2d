//! Lowering backends, `<engine>+<lowering>`: a program rewritten the way a
//! transpiler ships async code to old targets, run on a node engine beside
//! the native program.
//!
//! | lowering | what runs | tool (`engines.lock.yaml`) |
//! |---|---|---|
//! | `runasync` | the generator runner of issue 18, applied by a source transform on Babel's AST (async functions become `runAsync(function* ...)`, `await` becomes `yield`) | `babel` |
//! | `co` | the same transform around co 4.6's `co.wrap` | `babel` (co) |
//! | `babel` | `@babel/plugin-transform-async-to-generator` + `-async-generator-functions` | `babel` |
//! | `regenerator` | `@babel/plugin-transform-regenerator` (async functions on regenerator's own `_regeneratorAsync`) + `-async-generator-functions` | `babel` |
//! | `ts-es2015`, `ts-es5` | TypeScript 5's `transpileModule` | `typescript` |
//! | `esbuild-es2016` | esbuild's `transform` (esbuild-wasm, in the worker) | `esbuild` |
//! | `swc-es2015` | SWC's `transformSync` (`@swc/wasm`) | `swc` |
//!
//! **How it runs.** A lowering backend is an external-engine worker of
//! its engine ([`super::external`]) whose host script also holds
//! `hosts/lowering.js` and which may read its tools' directories (node's
//! `--allow-fs-read`; nothing else is granted). The worker loads the
//! transpiler once, in its own realm, where the program is only a string;
//! it lowers each program in process, the transpiler inlining its helpers
//! into the lowered text, so they run in the program's realm with that
//! realm's `Promise`; lowered output is cached by source. A lowering that
//! cannot express a construct answers `unsupported` naming it; a transpiler
//! that fails answers `lowering-error`; neither has a vote
//! ([`crate::outcome::Status::abstains`]).
//!
//! **Attribution.** A lowering is judged against its engine's native run,
//! never against the reference directly: `--engines` must list the engine
//! beside its lowerings, and a bucket names the lowering against its engine
//! (`order [v8+babel vs v8] ...`, see [`crate::bucket`]), so a transpiler
//! bug is never mixed up with an engine bug.
//!
//! `--engines all` is the engines alone (a campaign over sixteen lowerings
//! would cost as much as sixteen engines); `v8+all` names every lowering on
//! `v8`.

use super::catalog;
use super::external::{External, Launch};
use super::Unavailable;
use crate::differ::{compare, describe_first};
use crate::outcome::{Limits, Outcome};
use generators::corpus::CorpusCase;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One lowering.
#[derive(Debug)]
pub struct Lowering {
    /// Its name after the `+`.
    pub name: &'static str,
    /// The `tools` pin it needs.
    pub tool: &'static str,
    /// What it is, for `tickdiff engines` and reports.
    pub what: &'static str,
}

/// Every lowering, in report order.
pub const LOWERINGS: &[Lowering] = &[
    Lowering { name: "runasync", tool: "babel", what: "the generator runner of issue 18 (source transform)" },
    Lowering { name: "co", tool: "babel", what: "co 4.6's co.wrap (source transform)" },
    Lowering { name: "babel", tool: "babel", what: "Babel async-to-generator + async-generator-functions" },
    Lowering { name: "regenerator", tool: "babel", what: "Babel regenerator (its own async runtime)" },
    Lowering { name: "ts-es2015", tool: "typescript", what: "TypeScript, target ES2015" },
    Lowering { name: "ts-es5", tool: "typescript", what: "TypeScript, target ES5" },
    Lowering { name: "esbuild-es2016", tool: "esbuild", what: "esbuild, target es2016" },
    Lowering { name: "swc-es2015", tool: "swc", what: "SWC, target es2015" },
];

/// The engines lowerings run on: node's, whose worker can load a
/// transpiler in its own realm.
pub const LOWERED_ENGINES: &[&str] = &["node", "v8"];

/// The host script of every lowering worker holds this (after its config).
pub const LOWERING_JS: &str = include_str!("hosts/lowering.js");

/// The lowering called `name`.
pub fn lowering(name: &str) -> Option<&'static Lowering> {
    LOWERINGS.iter().find(|l| l.name == name)
}

/// Every lowering backend name, `engine+lowering`, as a `'static` string.
pub fn backend_names() -> &'static [(String, &'static str, &'static Lowering)] {
    static NAMES: OnceLock<Vec<(String, &'static str, &'static Lowering)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names = Vec::new();
        for engine in LOWERED_ENGINES {
            for l in LOWERINGS {
                names.push((format!("{engine}+{}", l.name), *engine, l));
            }
        }
        names
    })
}

/// `engine+lowering` split: the backend's interned name, its engine and its
/// lowering; `None` when `name` is not a lowering backend.
pub fn split(name: &str) -> Option<(&'static str, &'static str, &'static Lowering)> {
    backend_names().iter().find(|(n, _, _)| n == name).map(|(n, e, l)| (n.as_str(), *e, *l))
}

/// Whether `name` has the form of a lowering backend (`x+y`), known or not.
pub fn is_lowering_name(name: &str) -> bool {
    name.contains('+')
}

/// The engine a lowering backend runs on (`v8` of `v8+babel`).
pub fn native_of(name: &str) -> Option<&'static str> {
    split(name).map(|(_, engine, _)| engine)
}

/// `engine+all`: every lowering backend on `engine`, or `None` when the
/// name is not of that form.
pub fn expand_all(name: &str) -> Option<Result<Vec<&'static str>, String>> {
    let engine = name.strip_suffix("+all")?;
    if !LOWERED_ENGINES.contains(&engine) {
        return Some(Err(lowered_engines_error(name)));
    }
    Some(Ok(backend_names().iter().filter(|(_, e, _)| *e == engine).map(|(n, _, _)| n.as_str()).collect()))
}

/// Why `name` (of the form `x+y`) is no backend.
pub fn unknown_error(name: &str) -> String {
    let (engine, lowering) = name.split_once('+').unwrap_or((name, ""));
    if !LOWERED_ENGINES.contains(&engine) {
        return lowered_engines_error(name);
    }
    let known: Vec<&str> = LOWERINGS.iter().map(|l| l.name).collect();
    format!("'{name}': no lowering '{lowering}' (lowerings: {}, or all)", known.join(", "))
}

fn lowered_engines_error(name: &str) -> String {
    format!("'{name}': lowerings run on {} only", LOWERED_ENGINES.join(" and "))
}

/// Readies `launch` (its engine's) for `lowering`: the permission to read
/// the tool's directory, and the script text that goes before the adapter
/// (the config and `hosts/lowering.js`); or why it cannot run (the tool is
/// not installed: the reason names the install command).
pub fn prepare(launch: &mut Launch, lowering: &Lowering) -> Result<String, Unavailable> {
    catalog::binary(lowering.tool)?;
    let dir = catalog::engine_dir(lowering.tool);
    let dir_text = dir.to_str().ok_or_else(|| Unavailable::NotUtf8 { path: dir.clone() })?;
    // Read-only, the tool's own directory: the program cannot reach
    // `require` (it runs in a realm of its own), this is defence in depth.
    launch.args.push(format!("--allow-fs-read={dir_text}/*").into());
    let config = serde_json::json!({
        "lowering": lowering.name,
        "tools": { lowering.tool: dir_text },
    });
    Ok(format!("const LOWERING_CONFIG = {config};\n{LOWERING_JS}\n"))
}

/// The tool's pinned version, for `version()`.
pub fn tool_version(lowering: &Lowering) -> String {
    match catalog::pin(lowering.tool) {
        Some(pin) if catalog::installed(lowering.tool) => pin.version.clone(),
        Some(pin) => format!("{} (not installed)", pin.version),
        None => format!("{} (not pinned)", lowering.tool),
    }
}

/// `source` as lowering backend `backend` runs it, lowered by its worker on
/// this thread (from the worker's cache when the program ran there), or why
/// there is none: the lowering cannot express it, the transpiler failed,
/// the tool or engine is missing. `None` when `backend` is no lowering.
pub fn lowered_source(backend: &str, source: &str, limits: &Limits) -> Option<Result<String, String>> {
    let (name, engine, l) = split(backend)?;
    let Some(spec) = super::external_engine(engine) else {
        return Some(Err(format!("{backend}: no engine {engine}")));
    };
    let lowered = External::lowered(spec, name, l).lowered_source(source, limits)?;
    Some(lowered.map_err(|o| match o.detail {
        Some(detail) => format!("{backend}: {}: {detail}", o.status),
        None => format!("{backend}: {}", o.status),
    }))
}

/// One lowering a repro involves: its lowered text, and the backends that
/// ran it and departed from their engine's native run.
#[derive(Clone, Debug)]
pub struct LoweredRepro {
    pub lowering: &'static Lowering,
    /// `v8+babel`, `node+babel`: every backend of this lowering that departs.
    pub backends: Vec<&'static str>,
    /// The lowered program (the tools' output, helpers inlined), or why
    /// there is none.
    pub text: Result<String, String>,
}

impl LoweredRepro {
    /// The file beside a bucket's repro `<id>.js` that holds it:
    /// `<id>.<lowering>.lowered.js`.
    pub fn file_name(&self, id: &str) -> String {
        lowered_file_name(id, self.lowering)
    }

    /// What it is, in one line: `v8+ts-es5: the program as ts-es5 lowers
    /// it (typescript 5.9.3: TypeScript, target ES5)`.
    pub fn describe(&self) -> String {
        format!(
            "{}: the program as {} lowers it ({}: {})",
            self.backends.join(", "),
            self.lowering.name,
            tool_version(self.lowering),
            self.lowering.what,
        )
    }
}

/// `<id>.<lowering>.lowered.js`.
pub fn lowered_file_name(id: &str, lowering: &Lowering) -> String {
    format!("{id}.{}.lowered.js", lowering.name)
}

/// The lowerings the outcomes of `names` on `source` involve: each
/// lowering one of whose backends ran the program (it did not abstain) and
/// departed from its engine's run of it (another trace or status), in
/// [`LOWERINGS`] order, with its lowered text (lowered once, by the first
/// such backend's worker on this thread). A lowering that agrees with its
/// engine is no part of a divergence, and one that abstained has no text.
pub fn lowered_repros(
    names: &[&str],
    outcomes: &[Outcome],
    source: &str,
    limits: &Limits,
) -> Vec<LoweredRepro> {
    let outcome_of = |name: &str| names.iter().position(|n| *n == name).map(|i| &outcomes[i]);
    let departs = |name: &str, o: &Outcome| match split(name).and_then(|(_, engine, _)| outcome_of(engine)) {
        Some(native) => !o.status.abstains() && (o.status != native.status || o.labels() != native.labels()),
        None => false,
    };
    let mut repros: Vec<LoweredRepro> = Vec::new();
    for l in LOWERINGS {
        let backends: Vec<&'static str> = names
            .iter()
            .zip(outcomes)
            .filter(|(n, o)| split(n).is_some_and(|(_, _, nl)| nl.name == l.name) && departs(n, o))
            .filter_map(|(n, _)| split(n).map(|(interned, _, _)| interned))
            .collect();
        let Some(first) = backends.first() else { continue };
        let text =
            lowered_source(first, source, limits).unwrap_or_else(|| Err(format!("{first}: no lowering")));
        repros.push(LoweredRepro { lowering: l, backends, text });
    }
    repros
}

/// A lowered repro as a campaign's `campaign.json` keeps it (beside the
/// bucket's `repro_js`), for self-contained reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoweredJs {
    /// The lowering's name (`babel`).
    pub lowering: String,
    /// The backends of it that depart from their engine on the repro.
    pub backends: Vec<String>,
    /// [`LoweredRepro::describe`].
    pub what: String,
    /// Its file in `buckets/`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The lowered program, or why there is none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub js: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl LoweredRepro {
    /// As `campaign.json` keeps it, for bucket `id`.
    pub fn summary(&self, id: &str) -> LoweredJs {
        LoweredJs {
            lowering: self.lowering.name.to_string(),
            backends: self.backends.iter().map(|b| b.to_string()).collect(),
            what: self.describe(),
            file: self.text.is_ok().then(|| self.file_name(id)),
            js: self.text.as_ref().ok().cloned(),
            error: self.text.as_ref().err().cloned(),
        }
    }

    /// The standalone `node` script of it: [`crate::export::standalone_node`]
    /// running the lowered text, so `node FILE` prints the trace the
    /// lowering backend recorded (on the same node); `None` when there is
    /// no lowered text.
    pub fn standalone_node(&self, case: &CorpusCase) -> Option<String> {
        let text = self.text.as_ref().ok()?;
        Some(crate::export::standalone_node_running(case, Some(&self.describe()), text))
    }
}

/// The files lowered repros put beside bucket `id`'s repro `<id>.js`, one
/// per lowering: `(name, Some(contents))` to write, `(name, None)` to remove
/// (a lowering that the bucket's earlier repro involved, or that could not
/// lower this one).
pub fn repro_files(id: &str, case: &CorpusCase, repros: &[LoweredRepro]) -> Vec<(String, Option<String>)> {
    LOWERINGS
        .iter()
        .map(|l| {
            let text =
                repros.iter().find(|r| r.lowering.name == l.name).and_then(|r| r.standalone_node(case));
            (lowered_file_name(id, l), text)
        })
        .collect()
}

/// What `run --explain` and `repro` say of the lowerings among `names`
/// (with `outcomes` on `source`): where each lowering that departs from its
/// engine's native run departs; whether that native run is the order the
/// reference explains (`reference()`: the reference's outcome, when there
/// is a model to run it on), so that its explanation is never passed off
/// as an engine's when the engine did otherwise; and each departing
/// lowering's program as it ran. Empty when no lowering departs.
pub fn explain(
    names: &[&str],
    outcomes: &[Outcome],
    reference: impl FnOnce() -> Option<Outcome>,
    source: &str,
    limits: &Limits,
    indent: &str,
) -> String {
    let repros = lowered_repros(names, outcomes, source, limits);
    if repros.is_empty() {
        return String::new();
    }
    let outcome_of = |name: &str| names.iter().position(|n| *n == name).map(|i| &outcomes[i]);
    let mut s = String::new();
    let mut natives: Vec<&str> = Vec::new();
    for backend in repros.iter().flat_map(|r| &r.backends) {
        let engine = native_of(backend).expect("a lowering backend");
        let (Some(native), Some(lowered)) = (outcome_of(engine), outcome_of(backend)) else { continue };
        if let Some(d) = compare(&[engine, backend], &[native.clone(), lowered.clone()]) {
            s.push_str(&format!("{indent}{backend} departs from {engine}: {}\n", describe_first(&d)));
        }
        if !natives.contains(&engine) {
            natives.push(engine);
        }
    }
    let reference = reference();
    for engine in natives {
        let native = outcome_of(engine).expect("listed above");
        let line = match &reference {
            None => format!("{engine}'s native order has no explanation (the reference has no model of this program)"),
            Some(r) => match compare(&["reference", engine], &[r.clone(), native.clone()]) {
                None => format!("{engine}'s native order is the reference's: the explanation is the order it departs from"),
                Some(d) => format!(
                    "{engine}'s native order is not the reference's ({}): the explanation is the spec's order, not {engine}'s",
                    describe_first(&d)
                ),
            },
        };
        s.push_str(&format!("{indent}{line}\n"));
    }
    s.push_str(&render_text(&repros, indent));
    s
}

/// Lowered repros for a terminal (`run --explain`, `repro`): a line per
/// lowering, then its program indented (or why there is none).
pub fn render_text(repros: &[LoweredRepro], indent: &str) -> String {
    let mut s = String::new();
    for r in repros {
        s.push_str(&format!("{indent}lowered: {}\n", r.describe()));
        match &r.text {
            Ok(js) => {
                for line in js.trim_end().lines() {
                    s.push_str(&format!("{indent}  | {line}\n"));
                }
            }
            Err(why) => s.push_str(&format!("{indent}  not lowered: {why}\n")),
        }
    }
    s
}

/// The lowerings part of `tickdiff engines`: each lowering, whether its
/// tool is installed, the tool and its pinned version, its backends and
/// what it is.
pub fn table() -> String {
    let mut s =
        format!("{:<15} {:<9} {:<11} {:<62} backends\n", "lowering", "status", "tool", "pinned version");
    for l in LOWERINGS {
        let status = if catalog::installed(l.tool) { "ready" } else { "missing" };
        let version = catalog::pin(l.tool).map_or("(not pinned)", |p| p.version.as_str());
        let backends: Vec<String> = LOWERED_ENGINES.iter().map(|e| format!("{e}+{}", l.name)).collect();
        s.push_str(&format!(
            "{:<15} {status:<9} {:<11} {version:<62} {}\n",
            l.name,
            l.tool,
            backends.join(" ")
        ));
        s.push_str(&format!("{:<15} {}\n", "", l.what));
    }
    let missing: Vec<&str> = LOWERINGS.iter().map(|l| l.tool).filter(|t| !catalog::installed(t)).collect();
    if !missing.is_empty() {
        let mut tools = missing;
        tools.dedup();
        s.push_str(&format!("  install: {} {}\n", catalog::INSTALL_COMMAND, tools.join(" ")));
    }
    s
}
