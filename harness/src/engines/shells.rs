//! The external engines that are JavaScript shells (and XS's xsnap-worker),
//! installed by `tickdiff engines install` ([`super::catalog`]): each is an
//! [`EngineSpec`] for [`super::external`], with its adapter in
//! `hosts/<engine>.js` (whose header says how that engine makes a realm,
//! tells compile errors apart and drains its job queue).

use super::external::{Channel, EngineSpec, Launch, ScriptArg};
use super::{catalog, confine, Unavailable};
use std::ffi::OsString;

/// The version of installed backend `name`: its pin's (the shells cannot
/// tell theirs from inside a script).
fn pinned_version(name: &str) -> Option<String> {
    catalog::installed(name).then(|| catalog::pin(name).map(|p| p.version.clone())).flatten()
}

/// A shell run as `BINARY [ARGS] host.js`, answering on stdout, confined
/// to reading what it needs to run ([`confine`]): the shells load any local
/// file a program names in `import()`.
fn shell(name: &str, args: &[&str], env: Vec<(OsString, OsString)>) -> Result<Launch, Unavailable> {
    let program = catalog::binary(name)?;
    if !confine::available() {
        return Err(Unavailable::NoLandlock { name: name.into() });
    }
    let mut env = env;
    if let Some(path) = catalog::library_path(name) {
        env.push(("LD_LIBRARY_PATH".into(), path));
    }
    let mut readable = confine::runtime_files(&program, &env)?;
    readable.push(catalog::engine_dir(name));
    Ok(Launch {
        program,
        args: args.iter().map(OsString::from).collect(),
        script: ScriptArg::File,
        env,
        channel: Channel::Stdout,
        readable: Some(readable),
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

/// XS through the `xsnap-worker` of Agoric's @agoric/xsnap, built from the
/// package's sources. It takes its host script and requests as netstring
/// commands on fd 3 ([`Channel::Xsnap`]); its memory is bounded by
/// `RLIMIT_DATA` alone (XS's own cap is 2 GiB; a failed allocation is its
/// exit 11), its JS stack is fixed (4096 slots: an overflow is its exit 12).
pub static XS: EngineSpec = EngineSpec {
    name: "xs",
    engine: "XS (Moddable; the xsnap-worker of Agoric's @agoric/xsnap)",
    adapter: include_str!("hosts/xs.js"),
    launch: |_memory_mb| {
        let program = catalog::binary("xs")?;
        Ok(Launch {
            program,
            args: vec![],
            script: ScriptArg::Command,
            env: vec![],
            channel: Channel::Xsnap,
            readable: None,
        })
    },
    version: || pinned_version("xs"),
    counts_jobs: false,
    shares: "every intrinsic but globalThis, eval, Function and Compartment (one set per XS machine; a \
        program runs in a new Compartment): a program that changes one is caught before the next \
        program, which runs in a new process; the heap, the job queue, the stack, the symbol registry \
        and Math.random's state",
    costly: true,
};

/// engine262, run by the node of backend `v8`.
pub static ENGINE262: EngineSpec = EngineSpec {
    name: "engine262",
    engine: "engine262 (ECMA-262 written in JavaScript)",
    adapter: concat!(include_str!("hosts/node_answers.js"), include_str!("hosts/engine262.js")),
    launch: |memory_mb| {
        let marker = catalog::binary("engine262")?;
        let package = marker.parent().expect("package.json is in the package").to_path_buf();
        let node = catalog::binary("v8").map_err(|why| Unavailable::NeedsBackend {
            name: "engine262",
            on: "v8",
            source: Box::new(why),
        })?;
        // engine262's realms live in node's heap: at least 512 MiB of it.
        let mut launch = super::node::launch(&node, memory_mb.max(512))?;
        let read = format!("--allow-fs-read={}", package.display());
        // Deeper recursion before node's own stack overflow (engine262 has
        // no depth limit of its own: ~2.8 KB of node stack per call).
        let extra = ["--stack-size=4000", "--disallow-code-generation-from-strings", read.as_str()];
        launch.args.splice(0..0, extra.iter().map(OsString::from));
        launch.env.push(("TICKDIFF_ENGINE262".into(), package.into_os_string()));
        Ok(launch)
    },
    version: || pinned_version("engine262"),
    counts_jobs: true,
    shares: "node's heap and stack and engine262's Unicode tables, nothing a program can reach; each \
        program gets its own agent (job queue, symbol registry) and a realm copied from a pristine \
        template (hosts/engine262.js)",
    costly: true,
};
