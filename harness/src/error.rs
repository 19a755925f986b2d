//! What a command can fail with, by kind: the binary answers each kind with
//! its own exit status ([`Kind::exit_code`]), so a script can tell a typo in
//! a flag from a malformed file, a full disk or a missing engine.

use crate::frontend::{FrontendError, FrontendErrorKind};
use generators::corpus::{LoadError, MalformedFile};
use std::path::{Path, PathBuf};

/// A command's failure. The message is the whole story (it names the flag,
/// the file and line, the engine and how to install it); the variant says
/// whose fault it is.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad command line: a flag's value, an unknown backend, options that
    /// do not go together.
    #[error("{0}")]
    Usage(String),
    /// A file that was read and is not what it should be (malformed YAML or
    /// JSON, a program past the limits, a config field out of range).
    #[error(transparent)]
    Input(#[from] MalformedFile),
    /// A `.js` file the front end cannot translate to the model (outside
    /// its subset, or not JavaScript), where a command needs the model.
    #[error(transparent)]
    Program(#[from] FrontendError),
    /// A file or directory that could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// A backend that cannot run here: not installed, or it would not start,
    /// or installing it failed.
    #[error("{0}")]
    Engine(String),
    /// The campaign directory holds something a campaign must not overwrite
    /// (another campaign, or this one run with other engine versions).
    #[error("{0}")]
    Campaign(String),
    /// Something that should not happen: a thread that ended early, a value
    /// that would not serialize.
    #[error("{0}")]
    Internal(String),
}

/// The kinds of [`Error`], each with its exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Usage,
    Input,
    Io,
    Engine,
    Campaign,
    Internal,
}

/// Exit statuses. `OK` and `FOUND` are results, the others failures.
pub mod exit {
    /// Success (for `fuzz`: no bucket outside the baseline; for `run` and
    /// `repro`: the backends agree).
    pub const OK: i32 = 0;
    /// The command worked and found something (divergence, new bucket).
    pub const FOUND: i32 = 1;
    /// Bad usage: a flag, an unknown backend (clap's own errors are 2 too).
    pub const USAGE: i32 = 2;
    /// A malformed input file.
    pub const INPUT: i32 = 3;
    /// A file or directory that could not be read or written.
    pub const IO: i32 = 4;
    /// A backend not installed, not starting, or not installable.
    pub const ENGINE: i32 = 5;
    /// The campaign directory holds another campaign.
    pub const CAMPAIGN: i32 = 6;
    /// A bug in tickdiff (`EX_SOFTWARE` of sysexits.h).
    pub const INTERNAL: i32 = 70;

    /// The statuses above, for `tickdiff --help`.
    pub const HELP: &str = concat!(
        "Exit status:\n",
        "  0   success; for fuzz, no bucket outside the baseline; for run and repro, the backends agree\n",
        "  1   found: a divergence (run, repro, minimize), a bucket outside the baseline (fuzz)\n",
        "  2   usage: a bad flag or value, an unknown backend\n",
        "  3   input: a malformed file (YAML, JSON, config, a program past the limits)\n",
        "  4   I/O: a file or directory that cannot be read or written\n",
        "  5   engine: a backend not installed or not starting, an install that failed\n",
        "  6   campaign: the --out directory holds another campaign\n",
        "  70  internal: a bug in tickdiff",
    );
}

impl Kind {
    pub fn exit_code(self) -> i32 {
        match self {
            Kind::Usage => exit::USAGE,
            Kind::Input => exit::INPUT,
            Kind::Io => exit::IO,
            Kind::Engine => exit::ENGINE,
            Kind::Campaign => exit::CAMPAIGN,
            Kind::Internal => exit::INTERNAL,
        }
    }
}

impl Error {
    pub fn kind(&self) -> Kind {
        match self {
            Error::Usage(_) => Kind::Usage,
            Error::Program(e) if matches!(e.kind, FrontendErrorKind::Internal(_)) => Kind::Internal,
            Error::Input(_) | Error::Program(_) => Kind::Input,
            Error::Io { .. } => Kind::Io,
            Error::Engine(_) => Kind::Engine,
            Error::Campaign(_) => Kind::Campaign,
            Error::Internal(_) => Kind::Internal,
        }
    }

    /// An I/O error on `path`, for `map_err`.
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
        move |source| Error::Io { path: path.to_path_buf(), source }
    }

    /// A malformed file: `path:line: message` (line 0: unknown).
    pub fn input(path: &Path, line: usize, message: impl Into<String>) -> Error {
        Error::Input(MalformedFile {
            path: path.display().to_string(),
            line,
            column: 0,
            message: message.into(),
        })
    }
}

/// A corpus file or a generator config that could not be loaded.
impl From<LoadError> for Error {
    fn from(e: LoadError) -> Self {
        match e {
            LoadError::Unreadable { path, source } => Error::Io { path: path.into(), source },
            LoadError::Malformed(m) => Error::Input(m),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `--help` lists every status, each with the number its constant has.
    #[test]
    fn help_lists_every_exit_status() {
        let codes = [
            exit::OK,
            exit::FOUND,
            exit::USAGE,
            exit::INPUT,
            exit::IO,
            exit::ENGINE,
            exit::CAMPAIGN,
            exit::INTERNAL,
        ];
        let listed: Vec<i32> = exit::HELP
            .lines()
            .skip(1)
            .map(|l| l.split_whitespace().next().unwrap().parse().unwrap())
            .collect();
        assert_eq!(listed, codes);
        let kinds = [Kind::Usage, Kind::Input, Kind::Io, Kind::Engine, Kind::Campaign, Kind::Internal];
        assert_eq!(kinds.map(Kind::exit_code), codes[2..]);
    }

    /// A program the front end refuses is the input's fault (3); a front
    /// end that fails is tickdiff's (70), never reported as the program's.
    #[test]
    fn a_failing_front_end_is_an_internal_error_not_the_programs() {
        let error = |kind| Error::Program(FrontendError { path: "p.js".into(), line: 1, col: 1, kind });
        assert_eq!(error(FrontendErrorKind::Syntax("x".into())).kind(), Kind::Input);
        assert_eq!(error(FrontendErrorKind::Unsupported("x".into())).kind(), Kind::Input);
        assert_eq!(error(FrontendErrorKind::Internal("the parser panicked".into())).kind(), Kind::Internal);
    }
}
