//! The external engines a user can install, pinned in `engines.lock.yaml`
//! (embedded at build time), and where they are: the project's engines
//! directory, `.engines/` at the workspace root, or `$TICKDIFF_ENGINES_DIR`.
//! Installing them is [`super::install`]; running them is
//! [`super::external`].

use super::Unavailable;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The lock file's text.
pub const LOCK_YAML: &str = include_str!("../../../engines.lock.yaml");

/// The command that installs engines, for messages.
pub const INSTALL_COMMAND: &str = "tickdiff engines install";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lock {
    /// npm dependencies are the newest published before this instant.
    pub npm_before: String,
    pub engines: BTreeMap<String, Pin>,
    /// Packages that are not backends but that backends or tests run on a
    /// pinned engine (transpilers for lowerings, test262's runner); installed
    /// by the same command, under the same rules.
    #[serde(default)]
    pub tools: BTreeMap<String, Pin>,
}

impl Lock {
    /// Every pinned name, engines first, then tools.
    pub fn names(&self) -> impl Iterator<Item = &String> {
        self.engines.keys().chain(self.tools.keys())
    }
}

/// One backend's pinned engine.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    pub engine: String,
    pub version: String,
    #[serde(default)]
    pub npm: Option<String>,
    /// More `PACKAGE@VERSION`s installed beside `npm`, in the same `npm
    /// install` (a transpiler's plugins, a runtime its lowering inlines).
    #[serde(default)]
    pub npm_with: Vec<String>,
    #[serde(default)]
    pub debian: Vec<String>,
    #[serde(default)]
    pub scripts: bool,
    /// `PACKAGE@VERSION` whose tarball alone is fetched (`npm pack`: no
    /// dependencies, no scripts) and unpacked into `DIR/package`, for `build`.
    #[serde(default)]
    pub npm_source: Option<String>,
    /// Commands (argument vectors) run in order in `DIR` once the packages
    /// are there: a build from the sources of `npm_source`.
    #[serde(default)]
    pub build: Vec<Vec<String>>,
    pub binary: String,
    #[serde(default)]
    pub libraries: Vec<String>,
    #[serde(default)]
    pub runs_on: Option<String>,
}

/// The lock, parsed (the tests prove it parses).
pub fn lock() -> &'static Lock {
    static LOCK: OnceLock<Lock> = OnceLock::new();
    LOCK.get_or_init(|| serde_yaml::from_str(LOCK_YAML).expect("engines.lock.yaml is valid"))
}

/// The pin of backend or tool `name`.
pub fn pin(name: &str) -> Option<&'static Pin> {
    lock().engines.get(name).or_else(|| lock().tools.get(name))
}

/// The engines directory.
pub fn engines_dir() -> PathBuf {
    match std::env::var_os("TICKDIFF_ENGINES_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .expect("harness is in the workspace")
            .join(".engines"),
    }
}

/// Where backend `name` is (or would be) installed.
pub fn engine_dir(name: &str) -> PathBuf {
    engines_dir().join(name)
}

/// The marker an install leaves when it completed: the pin it installed.
pub fn marker(name: &str) -> PathBuf {
    engine_dir(name).join(".tickdiff-installed")
}

/// What the marker holds for a complete install of `pin`.
pub fn marker_text(name: &str, pin: &Pin) -> String {
    // A build's parts only where there is one: the markers of installs
    // without are unchanged.
    let mut source = String::new();
    if !pin.npm_with.is_empty() {
        source.push_str(&format!(" npm_with={}", pin.npm_with.join(",")));
    }
    if let Some(package) = &pin.npm_source {
        source.push_str(&format!(" source={package}"));
    }
    if !pin.build.is_empty() {
        let build: Vec<String> = pin.build.iter().map(|c| c.join(" ")).collect();
        source.push_str(&format!(" build={}", build.join(" && ")));
    }
    format!(
        "{name} {} npm={} debian={}{source} binary={}\n",
        pin.version,
        pin.npm.as_deref().unwrap_or("-"),
        pin.debian.join(","),
        pin.binary
    )
}

/// Whether backend `name` is installed at its pinned version.
pub fn installed(name: &str) -> bool {
    let Some(pin) = pin(name) else { return false };
    std::fs::read_to_string(marker(name)).is_ok_and(|m| m == marker_text(name, pin))
        && engine_dir(name).join(&pin.binary).is_file()
}

/// The executable of installed backend `name`, or why there is none (the
/// reason names the install command).
pub fn binary(name: &str) -> Result<PathBuf, Unavailable> {
    let Some(pin) = pin(name) else { return Err(Unavailable::NotPinned { name: name.into() }) };
    if !installed(name) {
        return Err(Unavailable::NotInstalled {
            name: name.into(),
            engine: pin.engine.clone(),
            dir: engines_dir(),
        });
    }
    Ok(engine_dir(name).join(&pin.binary))
}

/// `LD_LIBRARY_PATH` for installed backend `name`: its library directories,
/// empty when it has none.
pub fn library_path(name: &str) -> Option<std::ffi::OsString> {
    let pin = pin(name)?;
    if pin.libraries.is_empty() {
        return None;
    }
    let dirs: Vec<PathBuf> = pin.libraries.iter().map(|l| engine_dir(name).join(l)).collect();
    std::env::join_paths(dirs).ok()
}
