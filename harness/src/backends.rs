//! Turns `--engines` lists into backends: the reference (and its mutants)
//! and the engines of [`crate::engines`], all behind one trait.

use crate::engines;
use crate::engines::lowering;
use crate::error::Error;
use crate::outcome::Backend;
use crate::reference::{Mutant, Reference};

/// Every backend name the command line accepts, for help and errors.
pub fn known_names() -> Vec<String> {
    let mut names = vec!["reference".to_string()];
    names.extend(Mutant::ALL.iter().map(|m| format!("reference:{}", m.suffix())));
    names.extend(engines::ENGINE_NAMES.iter().map(|s| s.to_string()));
    names.push(format!(
        "<{}>+<{}|all>",
        lowering::LOWERED_ENGINES.join("|"),
        lowering::LOWERINGS.iter().map(|l| l.name).collect::<Vec<_>>().join("|")
    ));
    names
}

/// One backend by name.
pub fn by_name(name: &str) -> Result<Box<dyn Backend>, Error> {
    if let Some(r) = Reference::by_name(name) {
        return r.map(|r| Box::new(r) as Box<dyn Backend>).map_err(Error::Usage);
    }
    engines::backend_by_name(name).ok_or_else(|| {
        Error::Usage(format!("unknown backend '{name}' (known: {})", known_names().join(", ")))
    })
}

/// A comma-separated list of known names, in the order given; `all` is the
/// reference and every engine that runs here (installed, or for `node`, on
/// `PATH`), never a lowering; `v8+all` is every lowering on `v8`, and a
/// lowering needs its engine in the list. A name given twice or an empty entry is an error: each backend
/// is one column of every table, and a doubled one would only seem to agree
/// with itself. So is an installable engine that is not installed: the
/// error names the install command.
pub fn parse_list(list: &str) -> Result<Vec<Box<dyn Backend>>, Error> {
    let mut seen: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    let usage = |why: String| Err(Error::Usage(format!("--engines '{list}': {why}")));
    if list.trim().is_empty() {
        return Err(Error::Usage("--engines: no backend given".into()));
    }
    if list.trim() == "all" {
        let names = std::iter::once("reference").chain(engines::ENGINE_NAMES.iter().copied());
        return names.filter(|n| *n == "reference" || engines::available(n)).map(by_name).collect();
    }
    for entry in list.split(',').map(str::trim) {
        // `v8+all`: every lowering on v8.
        let names = match lowering::expand_all(entry) {
            Some(expanded) => expanded.map_err(|e| Error::Usage(format!("--engines: {e}")))?,
            None => vec![entry],
        };
        for name in names {
            if let Some(spec) = engines::external_engine(name).filter(|s| s.name != "node") {
                if let Err(why) = (spec.launch)(64) {
                    return Err(Error::Engine(format!("--engines: {why}")));
                }
            }
            if name.is_empty() {
                return usage("an empty entry".into());
            }
            if seen.contains(&name) {
                return usage(format!("'{name}' is given twice"));
            }
            if lowering::is_lowering_name(name) {
                check_lowering(name)?;
            }
            seen.push(name);
            out.push(by_name(name)?);
        }
    }
    // A lowering is judged against its engine's native run.
    for name in &seen {
        if let Some(engine) = lowering::native_of(name) {
            if !seen.contains(&engine) {
                return usage(format!("{name} is compared with {engine}'s native run: list {engine} too"));
            }
        }
    }
    Ok(out)
}

/// A lowering backend can run here: a known one, its engine and its tool
/// installed (the error names the install command).
fn check_lowering(name: &str) -> Result<(), Error> {
    let Some((_, engine, l)) = lowering::split(name) else {
        return Err(Error::Usage(format!("--engines: {}", lowering::unknown_error(name))));
    };
    let unavailable = |why: engines::Unavailable| Error::Engine(format!("--engines: {name}: {why}"));
    if let Some(spec) = engines::external_engine(engine) {
        (spec.launch)(64).map_err(unavailable)?;
    }
    engines::catalog::binary(l.tool).map(drop).map_err(unavailable)
}
