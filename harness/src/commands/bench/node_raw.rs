//! node timed inside one process: a fresh `vm` realm per program with a
//! trivial host, the script of `node_raw.js` run by the `node` on `PATH`,
//! so the engines section can show what node's worker adds to node itself.

use crate::engines;
use crate::outcome::ProgramInput;

/// Per-program costs measured inside node, for comparison with the worker.
pub struct NodeRaw {
    pub context_us: f64,
    pub run_us: f64,
    pub timeout_us: f64,
}

/// Times, inside one `node` process, a fresh `vm` realm per program with a
/// trivial host (no JSON protocol, no pipes), with and without vm's
/// `timeout` option (a watchdog thread per evaluation; the worker does
/// without it).
pub fn node_raw(inputs: &[ProgramInput]) -> Result<NodeRaw, String> {
    use std::process::{Command, Stdio};
    const SCRIPT: &str = include_str!("node_raw.js");
    let sources: Vec<&str> = inputs.iter().map(|i| i.source.as_str()).collect();
    let json = serde_json::to_string(&sources).map_err(|e| e.to_string())?;
    let mut child = Command::new("node")
        .args(["--unhandled-rejections=none", "-e", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("starting node: {e}"))?;
    let mut stdin = child.stdin.take().expect("piped");
    // Write from another thread so a full stdout pipe cannot deadlock us.
    let writer = std::thread::spawn(move || engines::write_to_child(&mut stdin, json.as_bytes()));
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let _ = writer.join();
    if !out.status.success() {
        return Err(format!("node failed: {}", String::from_utf8_lossy(&out.stderr).trim()));
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).map_err(|e| e.to_string())?;
    let get = |k: &str| v.get(k).and_then(|x| x.as_f64()).ok_or_else(|| format!("no '{k}' in node's answer"));
    Ok(NodeRaw { context_us: get("context")?, run_us: get("run")?, timeout_us: get("timeout")? })
}
