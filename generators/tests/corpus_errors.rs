//! Malformed corpus files are rejected with path, line and the problem.

use generators::corpus::CorpusCase;
use generators::model::*;

fn good() -> String {
    let p = Program { body: vec![Stmt::log("a"), Stmt::log("b")] };
    CorpusCase::new(p).to_yaml()
}

#[test]
fn a_good_file_loads() {
    let case = CorpusCase::from_yaml(&good(), "ok.yaml").unwrap();
    assert_eq!(log_labels(&case.program), vec!["a", "b"]);
}

#[test]
fn truncated_file_names_path_and_line() {
    let text = good();
    let cut = &text[..text.len() * 2 / 3];
    let err = CorpusCase::from_yaml(cut, "corpus/cut.yaml").unwrap_err();
    assert_eq!(err.path, "corpus/cut.yaml");
    assert!(err.line > 0, "{err}");
    assert!(err.to_string().starts_with("corpus/cut.yaml:"), "{err}");
}

#[test]
fn wrong_type_is_reported_with_its_line() {
    let text = "seed: twelve\nprogram:\n  body: []\n";
    let err = CorpusCase::from_yaml(text, "bad.yaml").unwrap_err();
    assert_eq!(err.line, 1, "{err}");
    assert!(err.message.contains("invalid type") || err.message.contains("u64"), "{err}");
}

#[test]
fn unknown_construct_is_named() {
    let text = "program:\n  body:\n  - expr:\n      while_loop: 3\n";
    let err = CorpusCase::from_yaml(text, "bad.yaml").unwrap_err();
    assert!(err.message.contains("while_loop"), "{err}");
    assert!(err.line >= 3, "{err}");
}

#[test]
fn unknown_field_is_rejected() {
    let text = format!("{}colour: blue\n", good());
    let err = CorpusCase::from_yaml(&text, "bad.yaml").unwrap_err();
    assert!(err.message.contains("colour"), "{err}");
}

#[test]
fn duplicate_label_is_rejected_with_the_second_line() {
    let p = Program { body: vec![Stmt::log("a"), Stmt::log("b"), Stmt::log("a")] };
    let text = CorpusCase::new(p).to_yaml();
    let err = CorpusCase::from_yaml(&text, "dup.yaml").unwrap_err();
    assert!(err.message.contains("duplicate label 'a'"), "{err}");
    let second = text.lines().enumerate().filter(|(_, l)| l.trim_end().ends_with(" a")).nth(1).unwrap().0 + 1;
    assert_eq!(err.line, second, "{err}\n{text}");
}

#[test]
fn await_outside_async_is_rejected() {
    let p = Program { body: vec![Stmt::Expr(Expr::await_(Expr::Num(1)))] };
    let err = CorpusCase::from_yaml(&CorpusCase::new(p).to_yaml(), "aw.yaml").unwrap_err();
    assert!(err.message.contains("await outside an async function"), "{err}");
}

#[test]
fn empty_and_missing_files() {
    let err = CorpusCase::from_yaml("", "empty.yaml").unwrap_err();
    assert!(err.to_string().starts_with("empty.yaml"), "{err}");
    let err = CorpusCase::load(std::path::Path::new("/nonexistent/x.yaml")).unwrap_err();
    assert!(err.to_string().contains("/nonexistent/x.yaml"), "{err}");
}
