//! The YAML corpus format: one program model per file, with where it came
//! from and, optionally, what each backend printed for it.
//!
//! Loading never panics: a malformed file is an error naming the file, the
//! line and column where YAML parsing stopped, and what was wrong.

use crate::model::Program;
use crate::validate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

/// One corpus file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorpusCase {
    /// Seed and index of the generator run that produced the program, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generator_version: Option<u32>,
    /// Free text: why this case is in the corpus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Enums are written as one-key maps (`- expr: {call: ...}`), which
    /// reads better than YAML tags and nests to any depth.
    #[serde(with = "serde_yaml::with::singleton_map_recursive")]
    pub program: Program,
    /// Backend name -> what it produced when the case was recorded.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub results: BTreeMap<String, RecordedResult>,
    /// Backend name -> engine and version that produced `results`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub versions: BTreeMap<String, String>,
    /// For a minimized repro: the divergence it shows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence: Option<RecordedDivergence>,
}

/// The divergence a repro was minimized to keep.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedDivergence {
    pub bucket: String,
    /// Signature and mechanisms, readable.
    pub key: String,
    /// Backends grouped by identical results.
    pub groups: Vec<Vec<String>>,
    /// Where the traces part.
    pub first_difference: String,
    /// Statements (nested ones included) before and after minimization.
    pub original_statements: usize,
    pub minimized_statements: usize,
}

/// A backend's outcome as stored on disk: its status and the labels it logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedResult {
    pub status: String,
    pub trace: Vec<String>,
}

impl CorpusCase {
    pub fn new(program: Program) -> Self {
        CorpusCase {
            seed: None,
            index: None,
            generator_version: None,
            note: None,
            program,
            results: BTreeMap::new(),
            versions: BTreeMap::new(),
            divergence: None,
        }
    }

    pub fn to_yaml(&self) -> String {
        serde_yaml::to_string(self).expect("corpus cases always serialize")
    }

    /// Parses and validates a case; `path` is only used in messages.
    pub fn from_yaml(text: &str, path: &str) -> Result<Self, CorpusError> {
        let case: CorpusCase = serde_yaml::from_str(text).map_err(|e| {
            let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
            CorpusError { path: path.to_string(), line, column, message: e.to_string() }
        })?;
        if let Some(problem) = validate::problems(&case.program).into_iter().next() {
            let line = locate_problem(text, &problem);
            return Err(CorpusError { path: path.to_string(), line, column: 0, message: problem });
        }
        Ok(case)
    }

    pub fn load(path: &Path) -> Result<Self, CorpusError> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| CorpusError {
            path: shown.clone(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        Self::from_yaml(&text, &shown)
    }
}

/// Best effort line for a validation problem: for a duplicate label, the
/// line of its second occurrence; otherwise 0 (unknown).
fn locate_problem(text: &str, problem: &str) -> usize {
    let Some(label) = problem.strip_prefix("duplicate label '").and_then(|s| s.strip_suffix('\'')) else {
        return 0;
    };
    let mentions = text.lines().enumerate().filter(|(_, l)| {
        let l = l.trim_end();
        l.ends_with(&format!(" {label}"))
            || l.ends_with(&format!(" '{label}'"))
            || l.ends_with(&format!(" \"{label}\""))
    });
    mentions.map(|(i, _)| i + 1).nth(1).unwrap_or(0)
}

/// A corpus file that could not be used: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorpusError {
    pub path: String,
    /// 1-based; 0 when unknown.
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for CorpusError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(f, "{}: {}", self.path, self.message),
            (l, 0) => write!(f, "{}:{}: {}", self.path, l, self.message),
            (l, c) => write!(f, "{}:{}:{}: {}", self.path, l, c, self.message),
        }
    }
}

impl std::error::Error for CorpusError {}
