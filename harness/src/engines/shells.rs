//! The external engines that are JavaScript shells or JavaScript programs,
//! installed by `tickdiff engines install` ([`super::catalog`]): each is an
//! [`EngineSpec`] for [`super::external`], with its adapter in
//! `hosts/<engine>.js` (whose header says how that engine makes a realm,
//! tells compile errors apart and drains its job queue).

use super::catalog;
use super::external::{Channel, EngineSpec, Launch, ScriptArg};
use std::ffi::OsString;

/// The version of installed backend `name`: its pin's (the shells cannot
/// tell theirs from inside a script).
fn pinned_version(name: &str) -> Option<String> {
    catalog::installed(name).then(|| catalog::pin(name).map(|p| p.version.clone())).flatten()
}

/// A shell run as `BINARY [ARGS] host.js`, answering on stdout.
fn shell(name: &str, args: &[&str], env: Vec<(OsString, OsString)>) -> Result<Launch, String> {
    let program = catalog::binary(name)?;
    let mut env = env;
    if let Some(path) = catalog::library_path(name) {
        env.push(("LD_LIBRARY_PATH".into(), path));
    }
    Ok(Launch {
        program,
        args: args.iter().map(OsString::from).collect(),
        script: ScriptArg::File,
        env,
        channel: Channel::Stdout,
    })
}

/// JavaScriptCore through WebKitGTK's `jsc`.
pub static JSC: EngineSpec = EngineSpec {
    name: "jsc",
    engine: "JavaScriptCore (WebKitGTK's jsc shell)",
    adapter: include_str!("hosts/jsc.js"),
    launch: |memory_mb| {
        // jsc's own footprint cap: past it the shell aborts with "Crashing
        // because current footprint ... exceeds limit" (out-of-memory);
        // its heap flags do not bound the heap.
        let cap = ((memory_mb as u64) << 20) * 2 + (256 << 20);
        shell("jsc", &[], vec![("JSCTEST_memoryLimit".into(), cap.to_string().into())])
    },
    version: || pinned_version("jsc"),
    counts_jobs: false,
    shares: "the VM: its heap and collector, its one job queue, the stack limit, the symbol registry \
        and strings; every intrinsic and the global are the realm's own ($262.createRealm)",
    costly: true,
};

/// SpiderMonkey through Debian's `js102` shell.
pub static SPIDERMONKEY: EngineSpec = EngineSpec {
    name: "spidermonkey",
    engine: "SpiderMonkey (the js shell of Debian's mozjs)",
    adapter: include_str!("hosts/spidermonkey.js"),
    launch: |memory_mb| {
        // The GC heap's cap: past it the program gets "out of memory".
        let max_bytes = format!("--gc-param=maxBytes={}", (memory_mb as u64) << 20);
        shell("spidermonkey", &["--fuzzing-safe", max_bytes.as_str()], vec![])
    },
    version: || pinned_version("spidermonkey"),
    counts_jobs: false,
    shares: "the compartment and zone (the GC heap), the job queue, the stack limit, the symbol \
        registry and atoms; every intrinsic and the global are the realm's own (newGlobal)",
    costly: true,
};
