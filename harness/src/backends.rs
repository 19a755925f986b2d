//! Turns `--engines` lists into backends: the reference (and its mutants)
//! and the engines of [`crate::engines`], all behind one trait.

use crate::engines;
use crate::outcome::Backend;
use crate::reference::{Mutant, Reference};

/// Every backend name the command line accepts, for help and errors.
pub fn known_names() -> Vec<String> {
    let mut names = vec!["reference".to_string()];
    names.extend(Mutant::ALL.iter().map(|m| format!("reference:{}", m.suffix())));
    names.extend(engines::ENGINE_NAMES.iter().map(|s| s.to_string()));
    names
}

/// One backend by name.
pub fn by_name(name: &str) -> Result<Box<dyn Backend>, String> {
    if let Some(r) = Reference::by_name(name) {
        return r.map(|r| Box::new(r) as Box<dyn Backend>);
    }
    engines::backend_by_name(name)
        .ok_or_else(|| format!("unknown backend '{name}' (known: {})", known_names().join(", ")))
}

/// A comma-separated list of known names, in the order given; `all` is the
/// reference and every engine that runs here (installed, or for `node`, on
/// `PATH`). A name given twice or an empty entry is an error: each backend
/// is one column of every table, and a doubled one would only seem to agree
/// with itself. So is an installable engine that is not installed: the
/// error names the install command.
pub fn parse_list(list: &str) -> Result<Vec<Box<dyn Backend>>, String> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    if list.trim().is_empty() {
        return Err("--engines: no backend given".into());
    }
    if list.trim() == "all" {
        let names = std::iter::once("reference").chain(engines::ENGINE_NAMES.iter().copied());
        return names.filter(|n| *n == "reference" || engines::available(n)).map(by_name).collect();
    }
    for name in list.split(',').map(str::trim) {
        if let Some(spec) = engines::external_engine(name).filter(|s| s.name != "node") {
            if let Err(why) = (spec.launch)(64) {
                return Err(format!("--engines: {why}"));
            }
        }
        if name.is_empty() {
            return Err(format!("--engines '{list}': an empty entry"));
        }
        if seen.contains(&name) {
            return Err(format!("--engines '{list}': '{name}' is given twice"));
        }
        seen.push(name);
        out.push(by_name(name)?);
    }
    Ok(out)
}
