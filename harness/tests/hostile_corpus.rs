//! Reliability: corpus files and `.js` programs are data. The test makes
//! hundreds of hostile mutants of the repository's own corpus files
//! (truncations, byte flips, deleted and doubled lines, deep nesting, alias
//! bombs, injected names, wrong types, huge numbers, bad UTF-8, several
//! documents, huge files) and hostile `.js` files, deterministically. Each
//! loads or fails with a `path:line:` error, never panics and never hangs;
//! each that loads prints to JavaScript that parses back to the same model,
//! so no name in the output comes from anywhere but the model. A sample
//! also goes through the `tickdiff` binary, which must exit 0, 1 or 3 (a
//! malformed input).

mod common;

use common::repo_root;
use harness::frontend::parse_program;
use harness::inputs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A hang check, not a speed target.
const LOAD_LIMIT: Duration = Duration::from_secs(5);

/// xorshift64*: the mutants are the same on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn sources() -> Vec<(String, Vec<u8>)> {
    let root = repo_root().join("corpus");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(root.join("regressions"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths.push(root.join("baseline.yaml"));
    paths
        .into_iter()
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect()
}

fn replace_first(text: &[u8], from: &str, to: &str) -> Option<Vec<u8>> {
    let s = std::str::from_utf8(text).ok()?;
    s.find(from).map(|i| format!("{}{}{}", &s[..i], to, &s[i + from.len()..]).into_bytes())
}

/// Names and property names that would be code if printed verbatim.
const INJECTIONS: &[&str] = &[
    "x;require('fs')",
    "a](1)//",
    "x\nprocess.exit(1)",
    "constructor.constructor('return process')()",
    "a=1",
    "a b",
    "",
    "1a",
    "this",
    "undefined",
    "let",
    "await",
    "yield",
    "a\u{2028}b",
    "a/*",
    "a-b",
    "__proto__",
    "eval",
    "\u{0}",
    "a\\u0062",
];

/// Every kind of mutant, `(name, bytes)`, at least 500 in all.
fn mutants() -> Vec<(String, Vec<u8>)> {
    let mut rng = Rng(0x7d1c_4e5a_9b3f_0126);
    let mut out = Vec::new();
    let sources = sources();
    for (name, text) in &sources {
        let lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
        for k in 0..12 {
            let at = if k == 0 { 0 } else { rng.below(text.len()) };
            out.push((format!("{name}: truncated at {at}"), text[..at].to_vec()));
        }
        for _ in 0..10 {
            let mut t = text.clone();
            let at = rng.below(t.len());
            let byte =
                *[0u8, 0xff, 0xc3, b'[', b'{', b'&', b'*', b':', b'-', b'\n', b'\'', b'"', b'\t', b'!']
                    .get(rng.below(14))
                    .unwrap();
            t[at] = byte;
            out.push((format!("{name}: byte {at} set to {byte:#x}"), t));
        }
        for _ in 0..3 {
            let i = rng.below(lines.len());
            let deleted: Vec<u8> =
                lines.iter().enumerate().filter(|&(j, _)| j != i).flat_map(|(_, l)| l.to_vec()).collect();
            out.push((format!("{name}: line {} deleted", i + 1), deleted));
            let j = rng.below(lines.len());
            let doubled: Vec<u8> = lines
                .iter()
                .enumerate()
                .flat_map(|(k, l)| if k == j { [l.to_vec(), l.to_vec()].concat() } else { l.to_vec() })
                .collect();
            out.push((format!("{name}: line {} doubled", j + 1), doubled));
        }
        out.push((
            format!("{name}: two documents"),
            [text.clone(), b"---\n".to_vec(), text.clone()].concat(),
        ));
        let mut bad = text.clone();
        bad.extend_from_slice(b"note: \xff\xfe\n");
        out.push((format!("{name}: invalid UTF-8"), bad));
    }
    // Injected names, in every field the printer emits as code.
    let base = &sources.iter().find(|(n, _)| n.starts_with("order-625d")).unwrap().1;
    for inj in INJECTIONS {
        let quoted = serde_json_quote(inj);
        for (from, to) in [
            ("ident: log", format!("ident: {quoted}")),
            ("property: forEach", format!("property: {quoted}")),
            ("var: x2", format!("var: {quoted}")),
            ("params: []", format!("params: [{quoted}]")),
            ("str: a", format!("str: {quoted}")),
        ] {
            if let Some(t) = replace_first(base, from, &to) {
                out.push((format!("{from} -> {to}"), t));
            }
        }
        for (field, yaml) in [
            ("const name", format!("program:\n  body:\n  - const:\n      name: {quoted}\n      init: null\n")),
            ("function name", format!("program:\n  body:\n  - function:\n      name: {quoted}\n      func: {{kind: function, params: [], body: {{block: []}}}}\n")),
            ("class name", format!("program:\n  body:\n  - promise_subclass:\n      name: {quoted}\n")),
            ("catch param", format!("program:\n  body:\n  - try:\n      body: []\n      catch: {{param: {quoted}, body: []}}\n")),
            ("object key", format!("program:\n  body:\n  - expr: {{object: [{{value: {{key: {quoted}, value: null}}}}]}}\n")),
            ("method key", format!("program:\n  body:\n  - expr: {{object: [{{method: {{key: {quoted}, func: {{kind: function, params: [], body: {{block: []}}}}}}}}]}}\n")),
        ] {
            out.push((format!("{field} {quoted}"), yaml.into_bytes()));
        }
    }
    // Deep nesting, flow and block, and a model nested deeper than allowed.
    for n in [100, 129, 1_000, 100_000, 1_000_000] {
        let flow = format!("program:\n  body:\n  - expr: {}{}\n", "[".repeat(n), "]".repeat(n));
        out.push((format!("{n} nested flow sequences"), flow.into_bytes()));
        let maps = format!("program:\n  body:\n  - expr: {}{}\n", "{a: ".repeat(n), "}".repeat(n));
        out.push((format!("{n} nested flow mappings"), maps.into_bytes()));
        let dashes = format!("program:\n  body:\n  {}x\n", "- ".repeat(n));
        out.push((format!("{n} nested block sequences on one line"), dashes.into_bytes()));
    }
    for n in [60, 200, 1_500] {
        let mut indented = String::from("program:\n  body:\n");
        for i in 0..n {
            indented.push_str(&" ".repeat(2 + i));
            indented.push_str("-\n");
        }
        out.push((format!("{n} nested block sequences by indentation"), indented.into_bytes()));
    }
    for n in [10, 40, 70, 5_000] {
        // A model `n` levels deep: log(log(...log('a')...)).
        let mut e = String::from("{str: a}");
        for _ in 0..n {
            e = format!("{{call: {{callee: {{ident: log}}, args: [{e}]}}}}");
        }
        out.push((
            format!("model {n} calls deep"),
            format!("program:\n  body:\n  - expr: {e}\n").into_bytes(),
        ));
        let mut e = String::from("{str: a}");
        for _ in 0..n {
            e = format!("{{add: [{e}, {{num: 1}}]}}");
        }
        out.push((
            format!("model {n} additions deep"),
            format!("program:\n  body:\n  - expr: {e}\n").into_bytes(),
        ));
    }
    // Alias bombs.
    for (levels, width) in [(3, 3), (9, 9), (12, 10), (30, 2)] {
        let mut y = String::from("program:\n  body:\n  - expr: &a0 {str: x}\n");
        for i in 1..levels {
            let refs = vec![format!("*a{}", i - 1); width].join(", ");
            y.push_str(&format!("  - expr: &a{i} {{array: [{refs}]}}\n"));
        }
        out.push((format!("alias bomb {levels}x{width}"), y.into_bytes()));
    }
    let mut laughs = String::from("program:\n  body: &b0\n  - expr: {str: x}\n");
    laughs.push_str("results: {r: &b1 {status: ok, trace: [*b0, *b0, *b0, *b0]}}\n");
    out.push(("aliases of the body".into(), laughs.into_bytes()));
    // Wrong types, huge numbers.
    for (from, to) in [
        ("str: a", "str: [1]"),
        ("str: a", "str: {x: 1}"),
        ("str: a", "num: 1e400"),
        ("str: a", "num: 99999999999999999999999"),
        ("str: a", "num: -9223372036854775809"),
        ("str: a", "num: 9223372036854775807"),
        ("str: a", "num: .nan"),
        ("str: a", "bool: yes"),
        ("args: []", "args: 5"),
        ("body:\n", "body: 7\n"),
        ("seed: 8", "seed: -1"),
        ("seed: 8", "seed: 18446744073709551616"),
        ("program:", "program: !!binary aGVsbG8=\nx:"),
        ("program:", "? [complex, key]\n: 1\nprogram:"),
        ("kind: arrow", "kind: method"),
        ("kind: arrow", "kind: function"),
        ("async: true", "async: maybe"),
    ] {
        if let Some(t) = replace_first(base, from, to) {
            out.push((format!("{from} -> {to}"), t));
        }
    }
    for text in [
        "",
        "\n",
        "---\n",
        "null\n",
        "[]\n",
        "program: null\n",
        "\u{feff}program: {body: []}\n",
        "program: {body: []}\n...\n---\n",
    ] {
        out.push((format!("tiny {text:?}"), text.as_bytes().to_vec()));
    }
    out.push(("NUL bytes".into(), b"program:\n  body: []\n\0\0\0".to_vec()));
    // Huge files: one over the size limit, one wide and shallow under it.
    let mut huge = b"program:\n  body: []\nnote: '".to_vec();
    huge.resize(5 << 20, b'x');
    huge.extend_from_slice(b"'\n");
    out.push(("5 MiB file".into(), huge));
    let mut wide = String::from("program:\n  body:\n");
    let mut i = 0;
    while wide.len() < 3 << 20 {
        wide.push_str(&format!("  - expr: {{call: {{callee: {{ident: log}}, args: [{{str: l{i}}}]}}}}\n"));
        i += 1;
    }
    out.push(("3 MiB of statements".into(), wide.into_bytes()));
    out
}

fn serde_json_quote(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

/// `msg` names `path` and a line: `path:<digits>:`.
fn names_path_and_line(msg: &str, path: &Path) -> bool {
    let Some(rest) = msg.strip_prefix(&format!("{}:", path.display())) else {
        return false;
    };
    let digits = rest.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && rest[digits..].starts_with(':')
}

/// Loads `path` as the CLI does; checks the contract of every load.
fn check_load(path: &Path, what: &str, failures: &mut Vec<String>) -> bool {
    let started = Instant::now();
    let loaded = std::panic::catch_unwind(|| inputs::load(path));
    let took = started.elapsed();
    if took > LOAD_LIMIT {
        failures.push(format!("{what}: loading took {took:?}"));
    }
    match loaded {
        Err(_) => {
            failures.push(format!("{what}: loading panicked"));
            false
        }
        Ok(Err(e)) => {
            if !names_path_and_line(&e.to_string(), path) {
                failures.push(format!("{what}: error does not name path and line: {e}"));
            }
            // A readable file that does not load is malformed input (exit 3), never an I/O error.
            if e.kind() != harness::error::Kind::Input {
                failures.push(format!("{what}: a {:?} error, not Input: {e}", e.kind()));
            }
            false
        }
        Ok(Ok(loaded)) => {
            let Some(model) = &loaded.input.model else { return true };
            // (Past the front end's size limit only the engines read a program.)
            if loaded.case.is_some() && loaded.input.source.len() <= harness::frontend::MAX_SOURCE_BYTES {
                // Printed, it parses back to the same model: every name in it is the model's.
                match parse_program(&loaded.input.source, "printed.js") {
                    Ok(back) if &back == model => {}
                    Ok(_) => failures.push(format!("{what}: printed program parses to another model")),
                    Err(e) => failures.push(format!("{what}: printed program does not parse: {e}")),
                }
            }
            true
        }
    }
}

#[test]
fn hostile_corpus_mutants_load_or_fail_with_a_line() {
    let dir = tempfile::tempdir().unwrap();
    let mutants = mutants();
    assert!(mutants.len() >= 500, "only {} mutants", mutants.len());
    let mut failures = Vec::new();
    let mut loaded = 0;
    for (i, (what, bytes)) in mutants.iter().enumerate() {
        let path = dir.path().join(format!("m{i}.yaml"));
        std::fs::write(&path, bytes).unwrap();
        if check_load(&path, what, &mut failures) {
            loaded += 1;
        }
    }
    eprintln!("{} mutants: {loaded} load, {} refused", mutants.len(), mutants.len() - loaded);
    assert!(failures.is_empty(), "{} of {} mutants:\n{}", failures.len(), mutants.len(), failures.join("\n"));
    // The injections were refused, not printed.
    assert!(loaded < mutants.len() / 2, "most mutants are broken; {loaded} loaded");
}

/// Hostile `.js` inputs: `(name, bytes)`.
fn hostile_js() -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for n in [300, 10_000, 100_000] {
        for (what, open, mid, close) in [
            ("parentheses", "(", "1", ")"),
            ("brackets", "[", "", "]"),
            ("object literals", "({a:", "1", "})"),
            ("blocks", "{", "", "}"),
            ("arrow functions", "(()=>", "1", ")"),
            ("templates", "`${", "1", "}`"),
            ("unary minus", "-", "1", ""),
            ("not", "!", "1", ""),
            ("await", "await ", "1", ""),
            ("new", "new ", "a", ""),
            ("ifs", "if(1)", "log(1);", ""),
            ("functions", "(function(){", "", "})()"),
            ("conditionals", "1?1:", "1", ""),
            ("unclosed parentheses", "(", "", ""),
        ] {
            let src = format!("log({}{mid}{});", open.repeat(n), close.repeat(n));
            out.push((format!("{n} {what}"), src.into_bytes()));
        }
        for (what, sep) in [("additions", "+"), ("commas", ","), ("member accesses", ".b"), ("calls", "()")] {
            let src = if sep.len() == 1 {
                format!("log(({}));", vec!["1"; n].join(sep))
            } else {
                format!("log(a{});", sep.repeat(n))
            };
            out.push((format!("chain of {n} {what}"), src.into_bytes()));
        }
    }
    out.push(("NUL bytes".into(), b"log('a');\0\0\0log('b');".to_vec()));
    out.push(("invalid UTF-8".into(), b"log('a');\nlog('\xff');".to_vec()));
    out.push(("lone surrogate escape".into(), b"log('\\ud800');".to_vec()));
    let mut huge = b"log('a');\n//".to_vec();
    huge.resize(5 << 20, b'x');
    out.push(("5 MiB file".into(), huge));
    let mut big = Vec::new();
    while big.len() < 2 << 20 {
        big.extend_from_slice(b"log('a' + 1);\n");
    }
    out.push(("2 MiB of statements".into(), big));
    out
}

#[test]
fn hostile_js_loads_or_fails_with_a_position() {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for (i, (what, bytes)) in hostile_js().iter().enumerate() {
        let path = dir.path().join(format!("h{i}.js"));
        std::fs::write(&path, bytes).unwrap();
        check_load(&path, what, &mut failures);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs the binary; its exit code, or a failure message.
fn run_tickdiff(args: &[&str]) -> Result<i32, String> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tickdiff"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().ok_or_else(|| format!("{args:?}: ended by a signal ({status})"));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err(format!("{args:?}: still running after 120 s"));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn the_binary_survives_a_sample_of_hostile_inputs() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    let mutants = mutants();
    // Every 40th corpus mutant, the deep and injected ones, and the hostile `.js`.
    for (i, (what, bytes)) in mutants.iter().enumerate() {
        let pick = i % 40 == 0
            || what.contains("100000 nested flow")
            || what.contains("model 5000")
            || what.starts_with("ident: log -> ");
        if pick && bytes.len() < 1 << 20 {
            let path = dir.path().join(format!("m{i}.yaml"));
            std::fs::write(&path, bytes).unwrap();
            files.push(path);
        }
    }
    for (i, (what, bytes)) in hostile_js().iter().enumerate() {
        if what.starts_with("100000 ")
            || what.starts_with("chain of 100000")
            || !what.chars().next().unwrap().is_ascii_digit()
        {
            let path = dir.path().join(format!("h{i}.js"));
            std::fs::write(&path, bytes).unwrap();
            files.push(path);
        }
    }
    let mut failures = Vec::new();
    let out = dir.path().join("min.yaml");
    for path in &files {
        let p = path.to_str().unwrap();
        let mut runs: Vec<Vec<&str>> = vec![
            vec!["repro", p, "--engines", "reference,quickjs"],
            vec!["run", p, "--engines", "reference,quickjs"],
        ];
        // Minimizing is slow: only on the small files.
        if std::fs::metadata(path).unwrap().len() < 64 << 10 {
            runs.push(vec!["minimize", p, "--engines", "reference,quickjs", "--out", out.to_str().unwrap()]);
        }
        for args in runs {
            match run_tickdiff(&args) {
                Ok(0 | 1 | harness::error::exit::INPUT) => {}
                Ok(code) => failures.push(format!("{args:?}: exit code {code}")),
                Err(e) => failures.push(e),
            }
        }
    }
    eprintln!("{} files through repro, run and minimize", files.len());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn deep_nesting_is_an_error_at_its_position() {
    let deep = |n: usize| format!("log({}1{});", "(".repeat(n), ")".repeat(n));
    let e = parse_program(&deep(300), "p.js").unwrap_err().to_string();
    assert!(e.starts_with("p.js:1:") && e.ends_with("nesting deeper than 64"), "{e}");
    let e = parse_program(&deep(100_000), "p.js").unwrap_err().to_string();
    assert!(e.starts_with("p.js:1:") && e.contains("nesting too deep for the parser"), "{e}");
    let flow = format!("program:\n  body:\n  - expr: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let e = generators::corpus::CorpusCase::from_yaml(&flow, "f.yaml").unwrap_err().to_string();
    assert_eq!(e, "f.yaml:3: nesting deeper than 128 levels");
    let awaits =
        format!("program:\n  body:\n  - expr: {}{{num: 1}}{}\n", "{await: ".repeat(100), "}".repeat(100));
    let e = generators::corpus::CorpusCase::from_yaml(&awaits, "a.yaml").unwrap_err().to_string();
    assert_eq!(e, "a.yaml:3: nesting deeper than 64");
}

#[test]
fn validation_errors_name_the_offending_line() {
    let yaml = "program:\n  body:\n  - expr: {call: {callee: {ident: log}, args: [{str: a}]}}\n  - expr:\n      str: a\n  - expr: {call: {callee: {ident: log}, args: [{str: a}]}}\n  - expr: {await: {num: 1}}\n";
    let e = generators::corpus::CorpusCase::from_yaml(yaml, "v.yaml").unwrap_err().to_string();
    assert_eq!(e, "v.yaml:6: duplicate label 'a'");
    let yaml = yaml.replace("[{str: a}]}}\n  - expr: {await", "[{str: b}]}}\n  - expr: {await");
    let e = generators::corpus::CorpusCase::from_yaml(&yaml, "v.yaml").unwrap_err().to_string();
    assert_eq!(e, "v.yaml:7: await outside an async function");
    let bad =
        "program:\n  body:\n  - const: {name: x, init: {num: 1}}\n  - expr: {ident: \"x;require('fs')\"}\n";
    let e = generators::corpus::CorpusCase::from_yaml(bad, "i.yaml").unwrap_err().to_string();
    assert!(e.starts_with("i.yaml:4: ident \"x;require('fs')\""), "{e}");
}
