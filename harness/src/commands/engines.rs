//! `tickdiff engines`: every backend with whether it runs here, its exact
//! version, where it is and how to install it; `tickdiff engines install`
//! installs the pinned external engines ([`crate::engines::install`]).

use super::exit;
use crate::engines::{self, catalog};
use crate::error::Error;

/// Prints the table of backends.
pub fn list() -> Result<i32, Error> {
    println!("{:<13} {:<9} {:<44} where", "backend", "status", "version");
    println!("{:<13} {:<9} {:<44} (built in)", "reference", "ready", "tickdiff's model of ECMA-262");
    for name in engines::ENGINE_NAMES {
        let backend = engines::backend_by_name(name)
            .ok_or_else(|| Error::Internal(format!("{name} is in ENGINE_NAMES but not a backend")))?;
        let (status, place) = match engines::external_engine(name) {
            None => ("ready".to_string(), "(built in)".to_string()),
            Some(spec) => match (spec.launch)(64) {
                Ok(launch) => ("ready".into(), launch.program.display().to_string()),
                Err(why) => ("missing".into(), why.to_string()),
            },
        };
        println!("{name:<13} {status:<9} {:<44} {place}", backend.version());
    }
    println!();
    print!("{}", engines::lowering::table());
    println!();
    println!("Install the pinned engines (engines.lock.yaml) into {}:", catalog::engines_dir().display());
    println!("  {} [NAME...|all]", catalog::INSTALL_COMMAND);
    for spec in engines::external_engines() {
        println!("  {:<13} realm shares: {}", spec.name, spec.shares);
    }
    Ok(exit::OK)
}

/// Installs `names` (all when empty).
pub fn install(names: &[String]) -> Result<i32, Error> {
    engines::install::install(names)?;
    Ok(exit::OK)
}
