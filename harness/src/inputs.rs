//! Loads what users point the tool at: YAML corpus cases and JavaScript
//! files, one by one or whole directories, into backend inputs.

use crate::error::Error;
use crate::frontend;
use crate::outcome::ProgramInput;
use generators::corpus::{CorpusCase, MalformedFile};
use generators::print_program;
use std::path::{Path, PathBuf};

/// One program ready to run, with where it came from.
pub struct LoadedProgram {
    pub path: PathBuf,
    pub input: ProgramInput,
    /// Why a `.js` file has no model (the reference then reports `unsupported`).
    pub model_error: Option<frontend::FrontendError>,
    /// The corpus case, for YAML inputs (recorded results, seed, ...).
    pub case: Option<CorpusCase>,
}

/// Expands directories (sorted, non-recursive into hidden entries) into
/// `.yaml`/`.yml`/`.js` files; files are taken as given.
pub fn expand(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(Error::io(p))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|e| !e.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
                .collect();
            entries.sort();
            for e in entries {
                if e.is_dir() {
                    out.extend(expand(&[e])?);
                } else if is_program_file(&e) {
                    out.push(e);
                }
            }
        } else if p.exists() {
            out.push(p.clone());
        } else {
            let missing = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or directory");
            return Err(Error::io(p)(missing));
        }
    }
    Ok(out)
}

fn is_program_file(p: &Path) -> bool {
    matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "js"))
}

/// Loads one file. A malformed YAML file is an error (it names path, line
/// and problem); a JS file outside the model's subset still loads, without
/// a model.
pub fn load(path: &Path) -> Result<LoadedProgram, Error> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "js" {
        let source = read_js(path)?;
        let (model, model_error) = match frontend::parse_program(&source, &path.display().to_string()) {
            Ok(p) => (Some(p), None),
            Err(e) => (None, Some(e)),
        };
        return Ok(LoadedProgram {
            path: path.to_path_buf(),
            input: ProgramInput { source, model },
            model_error,
            case: None,
        });
    }
    let case = CorpusCase::load(path)?;
    let input = ProgramInput { source: print_program(&case.program), model: Some(case.program.clone()) };
    Ok(LoadedProgram { path: path.to_path_buf(), input, model_error: None, case: Some(case) })
}

/// The largest `.js` file run at all (4 MiB, as for corpus files); the
/// front end translates only up to `frontend::MAX_SOURCE_BYTES` of it.
pub const MAX_JS_BYTES: u64 = generators::corpus::MAX_FILE_BYTES as u64;

/// A `.js` file's text: refused before reading when too big, and invalid
/// UTF-8 is an error at its line and column.
fn read_js(path: &Path) -> Result<String, Error> {
    let len = std::fs::metadata(path).map_err(Error::io(path))?.len();
    if len > MAX_JS_BYTES {
        let why = format!("file is {len} bytes; program files are at most {MAX_JS_BYTES} bytes");
        return Err(Error::input(path, 1, why));
    }
    let bytes = std::fs::read(path).map_err(Error::io(path))?;
    generators::corpus::decode_utf8(bytes).map_err(|(line, column)| {
        let message = "invalid UTF-8".to_string();
        Error::Input(MalformedFile { path: path.display().to_string(), line, column, message })
    })
}

/// Loads every file of `paths` (directories expanded). A bad file is an
/// `Err` in its place, so the others still run.
pub fn load_all(paths: &[PathBuf]) -> Result<Vec<Result<LoadedProgram, Error>>, Error> {
    Ok(expand(paths)?.iter().map(|p| load(p)).collect())
}
