//! Backends `node` and `v8`: V8 through a `node` executable (node >= 20),
//! as external engines ([`super::external`]) with the adapter
//! [`hosts/node.js`](../hosts/node.js): `node` is the one on `PATH`, `v8` the
//! current node that `tickdiff engines install v8` puts in the project's
//! engines directory ([`super::catalog`]).
//!
//! # Containment
//!
//! A program is hostile until proven otherwise (users run repros from bug
//! reports). What a program's realm shares with the outer world is said in
//! `hosts/node.js` (by node version: nothing of the host's but the symbol
//! registry, node's unhandled-rejection bookkeeping and V8's stack-trace
//! hook on node >= 22.8; one prototype-less sandbox object before). Beyond
//! the external-engine containment (answers on fd 3, stdout `/dev/null`,
//! `RLIMIT_DATA`, death with the parent):
//! * **Permissions.** node runs under its permission model (`--permission`,
//!   `--experimental-permission` before 22.13) with nothing granted: no file
//!   system, child processes, workers, addons (`process.dlopen`), inspector,
//!   WASI or `process.binding`. It needs none: the host script comes with
//!   `-e`, and its answer pipe is an inherited descriptor.
//! * **Memory.** `--max-old-space-size` (from `Limits::memory_bytes`) bounds
//!   V8's heap; past it V8 dies out of memory, reported as
//!   `Status::OutOfMemory`.
//! * Job indices are `None`: node cannot count the jobs V8 runs.
//!
//! `harness/tests/escape.rs` tries the known ways out.

use super::external::{Channel, EngineSpec, Launch, ScriptArg};
use super::Unavailable;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// The oldest node whose realm isolation and permission model are known.
const MIN_MAJOR: u32 = 20;

/// What a node realm shares (see `hosts/node.js`).
const SHARES: &str = "node >= 22.8: nothing but the symbol registry, node's unhandled-rejection \
    bookkeeping and V8's stack-trace hook; node 20 - 22.7: also one prototype-less sandbox object \
    holding what the program put on its global";

/// `node` from `PATH`.
pub static NODE: EngineSpec = EngineSpec {
    name: "node",
    engine: "V8 (the node on PATH)",
    adapter: concat!(include_str!("hosts/node_answers.js"), include_str!("hosts/node.js")),
    launch: |memory_mb| launch(Path::new("node"), memory_mb),
    version: || node_version(Path::new("node")).map(|(v, _)| format!("node {v}")),
    counts_jobs: false,
    shares: SHARES,
    costly: true,
};

/// The current node the catalog pins.
pub static V8: EngineSpec = EngineSpec {
    name: "v8",
    engine: "V8 (current node, installed by tickdiff)",
    adapter: concat!(include_str!("hosts/node_answers.js"), include_str!("hosts/node.js")),
    launch: |memory_mb| {
        let node = super::catalog::binary("v8")?;
        launch(&node, memory_mb)
    },
    version: || {
        let node = super::catalog::binary("v8").ok()?;
        node_version(&node).map(|(v, _)| format!("node {v}"))
    },
    counts_jobs: false,
    shares: SHARES,
    costly: true,
};

/// What `node --version` says: the text, and (major, minor).
pub type NodeVersion = (String, (u32, u32));

/// `node --version` of the executable `node`, when it works.
pub fn node_version(node: &Path) -> Option<NodeVersion> {
    static VERSIONS: Mutex<Option<HashMap<PathBuf, Option<NodeVersion>>>> = Mutex::new(None);
    let mut cache = VERSIONS.lock().unwrap_or_else(|e| e.into_inner());
    cache
        .get_or_insert_with(HashMap::new)
        .entry(node.to_path_buf())
        .or_insert_with(|| {
            let out = Command::new(node).arg("--version").stdin(Stdio::null()).output().ok()?;
            if !out.status.success() {
                return None;
            }
            let text = String::from_utf8_lossy(&out.stdout).trim().to_string();
            let mut parts = text.trim_start_matches('v').split('.').map(|p| p.parse::<u32>().ok());
            let major = parts.next().flatten()?;
            let minor = parts.next().flatten().unwrap_or(0);
            Some((text, (major, minor)))
        })
        .clone()
}

/// Whether a working `node` new enough to be contained is on `PATH`.
pub fn node_available() -> bool {
    node_version(Path::new("node")).is_some_and(|(_, (major, _))| major >= MIN_MAJOR)
}

/// The flag that turns node's permission model on: `--permission` since
/// node 22.13 (and 23.5), `--experimental-permission` before.
fn permission_flag((major, minor): (u32, u32)) -> &'static str {
    if major > 22 || (major == 22 && minor >= 13) {
        "--permission"
    } else {
        "--experimental-permission"
    }
}

/// How to start `node` as a worker with a heap of `memory_mb` MiB.
pub fn launch(node: &Path, memory_mb: usize) -> Result<Launch, Unavailable> {
    let Some((text, version)) = node_version(node) else {
        return Err(Unavailable::NoNode { node: node.to_path_buf() });
    };
    if version.0 < MIN_MAJOR {
        return Err(Unavailable::OldNode { node: node.to_path_buf(), version: text, min: MIN_MAJOR });
    }
    let args = [
        permission_flag(version).to_string(),
        // Lets the host answer import() with the realm's own error.
        "--experimental-vm-modules".into(),
        "--no-warnings".into(),
        format!("--max-old-space-size={memory_mb}"),
        "--unhandled-rejections=none".into(),
    ];
    Ok(Launch {
        program: node.to_path_buf(),
        args: args.into_iter().map(Into::into).collect(),
        script: ScriptArg::Inline("-e"),
        env: vec![],
        channel: Channel::Fd3,
        // node's permission model keeps programs from files.
        readable: None,
    })
}
