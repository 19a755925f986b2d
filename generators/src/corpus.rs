//! The YAML corpus format: one program model per file, with where it came
//! from and, optionally, what each backend printed for it.
//!
//! Loading never panics: a malformed file is an error naming the file, the
//! line and column where YAML parsing stopped, and what was wrong.

use crate::model::Program;
use crate::validate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
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
    ///
    /// A file over [`MAX_FILE_BYTES`], nested deeper than [`MAX_YAML_DEPTH`],
    /// with more than [`MAX_ALIASES`] aliases or more than one document is
    /// refused by a pre-scan that stops where the limit is crossed, before
    /// serde_yaml builds anything, so every file loads or fails quickly.
    pub fn from_yaml(text: &str, path: &str) -> Result<Self, MalformedFile> {
        let err = |line: usize, column: usize, message: String| MalformedFile {
            path: path.to_string(),
            line: line.max(1),
            column,
            message,
        };
        if text.len() > MAX_FILE_BYTES {
            return Err(err(1, 0, too_big(text.len())));
        }
        let scan = scan::limits(text).map_err(|(line, message)| err(line, 0, message))?;
        let case: CorpusCase = serde_yaml::from_str(text).map_err(|e| match e.location() {
            Some(l) => err(l.line(), l.column(), e.to_string()),
            // Errors without a place (the alias repetition limit) point at the first alias.
            None => err(scan.first_alias_line, 0, e.to_string()),
        })?;
        if let Some(problem) = validate::problems_located(&case.program).into_iter().next() {
            let line = match &problem.at {
                Some(site) => scan::locate(text, site),
                None => scan.deepest_line,
            };
            return Err(err(line, 0, problem.message));
        }
        Ok(case)
    }

    pub fn load(path: &Path) -> Result<Self, CorpusError> {
        let shown = path.display().to_string();
        let unreadable = |source: std::io::Error| CorpusError::Unreadable { path: shown.clone(), source };
        // A huge file is refused before it is read.
        let len = std::fs::metadata(path).map_err(unreadable)?.len();
        if len > MAX_FILE_BYTES as u64 {
            return Err(
                MalformedFile { path: shown, line: 1, column: 0, message: too_big(len as usize) }.into()
            );
        }
        let bytes = std::fs::read(path).map_err(unreadable)?;
        let text = decode_utf8(bytes).map_err(|(line, column)| MalformedFile {
            path: shown.clone(),
            line,
            column,
            message: "invalid UTF-8".into(),
        })?;
        Ok(Self::from_yaml(&text, &shown)?)
    }
}

/// Text from bytes; invalid UTF-8 is an error at its 1-based (line, column).
pub fn decode_utf8(bytes: Vec<u8>) -> Result<String, (usize, usize)> {
    String::from_utf8(bytes).map_err(|e| {
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
        let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
        (line, column)
    })
}

/// The largest corpus file loaded (4 MiB): repros are a few KiB.
pub const MAX_FILE_BYTES: usize = 4 << 20;
/// The deepest YAML nesting loaded: serde_yaml's own recursion limit.
pub const MAX_YAML_DEPTH: usize = 128;
/// Corpus files need no aliases; a few are allowed, never a bomb of them.
pub const MAX_ALIASES: usize = 100;

fn too_big(len: usize) -> String {
    format!("file is {len} bytes; corpus files are at most {MAX_FILE_BYTES} bytes")
}

/// Reads libyaml's events directly (the parser serde_yaml uses, so the
/// structure seen is the one serde_yaml would build).
mod scan {
    use super::{MAX_ALIASES, MAX_YAML_DEPTH};
    use crate::validate::Site;
    use std::mem::MaybeUninit;
    use unsafe_libyaml as unsafe_yaml;

    /// One libyaml parser over a borrowed text.
    struct Events<'t> {
        parser: Box<MaybeUninit<unsafe_yaml::yaml_parser_t>>,
        _text: &'t [u8],
    }

    enum Event {
        DocumentStart,
        SeqStart,
        MapStart,
        End,
        Alias,
        Scalar(String),
        StreamEnd,
        /// Stream start, document end.
        Other,
    }

    impl<'t> Events<'t> {
        fn new(text: &'t str) -> Self {
            let mut parser = Box::new(MaybeUninit::<unsafe_yaml::yaml_parser_t>::uninit());
            // SAFETY: initialize fills the parser in place; the input
            // outlives the parser (it is borrowed as `_text`).
            unsafe {
                let p = parser.as_mut_ptr();
                if unsafe_yaml::yaml_parser_initialize(p).fail {
                    panic!("libyaml: out of memory");
                }
                unsafe_yaml::yaml_parser_set_encoding(p, unsafe_yaml::YAML_UTF8_ENCODING);
                unsafe_yaml::yaml_parser_set_input_string(p, text.as_ptr(), text.len() as u64);
            }
            Events { parser, _text: text.as_bytes() }
        }

        /// The next event and its 1-based line; `None` at a syntax error
        /// (serde_yaml reports those, with their place).
        fn next(&mut self) -> Option<(Event, usize)> {
            let mut event = MaybeUninit::<unsafe_yaml::yaml_event_t>::uninit();
            // SAFETY: the parser was initialized in `new`; a parsed event is
            // read, then deleted exactly once.
            unsafe {
                let p = self.parser.as_mut_ptr();
                // A parser that failed once is never called again: the scans stop there.
                if unsafe_yaml::yaml_parser_parse(p, event.as_mut_ptr()).fail {
                    return None;
                }
                let e = event.as_mut_ptr();
                let line = (*e).start_mark.line as usize + 1;
                let out = match (*e).type_ {
                    unsafe_yaml::YAML_STREAM_END_EVENT => Event::StreamEnd,
                    unsafe_yaml::YAML_DOCUMENT_START_EVENT => Event::DocumentStart,
                    unsafe_yaml::YAML_SEQUENCE_START_EVENT => Event::SeqStart,
                    unsafe_yaml::YAML_MAPPING_START_EVENT => Event::MapStart,
                    unsafe_yaml::YAML_SEQUENCE_END_EVENT | unsafe_yaml::YAML_MAPPING_END_EVENT => Event::End,
                    unsafe_yaml::YAML_ALIAS_EVENT => Event::Alias,
                    unsafe_yaml::YAML_SCALAR_EVENT => {
                        let s = &(*e).data.scalar;
                        let bytes = std::slice::from_raw_parts(s.value, s.length as usize);
                        Event::Scalar(String::from_utf8_lossy(bytes).into_owned())
                    }
                    // After the stream's end libyaml gives empty events.
                    unsafe_yaml::YAML_NO_EVENT => Event::StreamEnd,
                    _ => Event::Other,
                };
                unsafe_yaml::yaml_event_delete(e);
                Some((out, line))
            }
        }
    }

    impl Drop for Events<'_> {
        fn drop(&mut self) {
            // SAFETY: initialized in `new`, deleted once.
            unsafe { unsafe_yaml::yaml_parser_delete(self.parser.as_mut_ptr()) }
        }
    }

    pub struct Scan {
        /// Where nesting first reached its deepest level.
        pub deepest_line: usize,
        pub first_alias_line: usize,
    }

    /// Checks the limits, stopping at the first event past one; `Err` is (line, message).
    pub fn limits(text: &str) -> Result<Scan, (usize, String)> {
        let mut events = Events::new(text);
        let (mut depth, mut deepest, mut deepest_line) = (0usize, 0usize, 1usize);
        let (mut documents, mut aliases, mut first_alias_line) = (0usize, 0usize, 1usize);
        while let Some((event, line)) = events.next() {
            match event {
                Event::StreamEnd => break,
                Event::DocumentStart => {
                    documents += 1;
                    if documents > 1 {
                        return Err((line, "a second YAML document; a corpus file holds one".into()));
                    }
                }
                Event::SeqStart | Event::MapStart => {
                    depth += 1;
                    if depth > MAX_YAML_DEPTH {
                        return Err((line, format!("nesting deeper than {MAX_YAML_DEPTH} levels")));
                    }
                    if depth > deepest {
                        (deepest, deepest_line) = (depth, line);
                    }
                }
                Event::End => depth = depth.saturating_sub(1),
                Event::Alias => {
                    aliases += 1;
                    if aliases == 1 {
                        first_alias_line = line;
                    }
                    if aliases > MAX_ALIASES {
                        return Err((line, format!("more than {MAX_ALIASES} aliases")));
                    }
                }
                Event::Scalar(_) | Event::Other => {}
            }
        }
        Ok(Scan { deepest_line, first_alias_line })
    }

    /// A collection being read: the key it is the value of, and for a
    /// mapping whether a key comes next.
    struct Frame {
        key: Option<String>,
        map: bool,
        expect_key: bool,
    }

    /// The key the node starting now is the value of, and whether it is a
    /// mapping key itself; moves its parent mapping on from key to value.
    fn parent_key(stack: &mut [Frame]) -> (Option<String>, bool) {
        match stack.last_mut() {
            Some(f) if f.map => {
                let is_key = f.expect_key;
                f.expect_key = !is_key;
                (if is_key { None } else { f.key.clone() }, is_key)
            }
            Some(f) => (f.key.clone(), false),
            None => (None, false),
        }
    }

    /// The line of `site`: the `nth` occurrence, in document order, of
    /// `site.key` as a mapping key or a bare sequence item (unit variants
    /// such as `break`), or, when `site.value` is set, of that string as
    /// the value (or a sequence item) of that key. 1 when not found (a
    /// file whose aliases repeat nodes).
    pub fn locate(text: &str, site: &Site) -> usize {
        let mut events = Events::new(text);
        let mut stack: Vec<Frame> = Vec::new();
        let mut seen = 0;
        let want_value = site.value.as_deref();
        while let Some((event, line)) = events.next() {
            let hit = match event {
                Event::StreamEnd => break,
                Event::SeqStart | Event::MapStart => {
                    let (key, _) = parent_key(&mut stack);
                    stack.push(Frame { key, map: matches!(event, Event::MapStart), expect_key: true });
                    false
                }
                Event::Alias => {
                    parent_key(&mut stack);
                    false
                }
                Event::End => {
                    stack.pop();
                    false
                }
                Event::Scalar(v) => {
                    let in_seq = stack.last().is_some_and(|f| !f.map);
                    let (key, is_key) = parent_key(&mut stack);
                    if is_key {
                        if let Some(f) = stack.last_mut() {
                            f.key = Some(v.clone());
                        }
                    }
                    match want_value {
                        None => (is_key || in_seq) && site.key == v,
                        Some(want) => !is_key && want == v && key.as_deref() == Some(site.key),
                    }
                }
                Event::DocumentStart | Event::Other => false,
            };
            if hit {
                if seen == site.nth {
                    return line;
                }
                seen += 1;
            }
        }
        1
    }
}

/// A corpus file that could not be used.
pub type CorpusError = LoadError;

/// A file (a corpus case, a generator config) that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file could not be read at all (missing, a directory, no permission).
    #[error("{path}: {source}")]
    Unreadable {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// The file was read and is not what it should be.
    #[error(transparent)]
    Malformed(#[from] MalformedFile),
}

/// A file that was read and is not what it should be: where and why. Shown
/// as `path:line:column: message` (the line or column left out when 0).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}{}: {message}", position(*.line, *.column))]
pub struct MalformedFile {
    pub path: String,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
}

/// `:line:column`, `:line` or nothing.
fn position(line: usize, column: usize) -> String {
    match (line, column) {
        (0, _) => String::new(),
        (l, 0) => format!(":{l}"),
        (l, c) => format!(":{l}:{c}"),
    }
}
