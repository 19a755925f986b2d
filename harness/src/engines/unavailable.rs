//! Why an external backend cannot run here ([`Unavailable`]), and why an
//! install failed ([`InstallError`]): each case says what is missing and,
//! where there is one, the command that gets it.

use super::catalog::INSTALL_COMMAND;
use std::path::PathBuf;
use std::process::ExitStatus;

/// Why an external backend (or a lowering's tool) cannot start.
#[derive(Debug, thiserror::Error)]
pub enum Unavailable {
    /// No pin for it in `engines.lock.yaml`.
    #[error("{name} is not in engines.lock.yaml")]
    NotPinned { name: String },
    /// Pinned, but not installed at its pinned version.
    #[error("{name} ({engine}) is not installed in {}: run `{INSTALL_COMMAND} {name}`", dir.display())]
    NotInstalled { name: String, engine: String, dir: PathBuf },
    /// A `node` that does not answer `--version`.
    #[error("{} is not available", node.display())]
    NoNode { node: PathBuf },
    /// A `node` older than the host needs.
    #[error("{} is node {version}, older than {min}", node.display())]
    OldNode { node: PathBuf, version: String, min: u32 },
    /// A shell that runs only confined, on a kernel that cannot confine it.
    #[error(
        "{name} runs only confined by Landlock (Linux >= 5.13), which keeps programs from reading \
         local files through import(); this kernel does not enforce it"
    )]
    NoLandlock { name: String },
    /// `ldd` could not list the libraries a confined shell loads.
    #[error("ldd {}: {why}", program.display())]
    Ldd { program: PathBuf, why: String },
    /// A library the shell loads is not on this machine.
    #[error("{}: a library is missing: {line}", program.display())]
    MissingLibrary { program: PathBuf, line: String },
    /// A backend that runs on another backend's binary, which is missing.
    #[error("{name} runs on {on}'s node: {source}")]
    NeedsBackend {
        name: &'static str,
        on: &'static str,
        #[source]
        source: Box<Unavailable>,
    },
    /// A path the host script must be told, which is not UTF-8.
    #[error("{} is not UTF-8", path.display())]
    NotUtf8 { path: PathBuf },
}

/// Why `tickdiff engines install` could not install one engine or tool.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    /// Creating, removing or writing part of the engine's directory.
    #[error("{what} {}: {source}", path.display())]
    Io {
        what: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A command (npm, apt-get, make, ...) that would not start.
    #[error("{what}: cannot start: {source}")]
    CannotStart {
        what: String,
        #[source]
        source: std::io::Error,
    },
    /// A command that ran and failed.
    #[error("{what} failed ({status}){hint}")]
    Failed { what: String, status: ExitStatus, hint: &'static str },
    /// A build step of the pin with no command in it.
    #[error("an empty build command in the pin")]
    EmptyBuild,
    /// `npm pack` should leave exactly one tarball.
    #[error("npm pack {package} left {count} tarballs")]
    Tarballs { package: String, count: usize },
    /// Everything installed, but the pin's binary is not where it says.
    #[error("the packages installed, but {} is not there", binary.display())]
    BinaryMissing { binary: PathBuf },
}
