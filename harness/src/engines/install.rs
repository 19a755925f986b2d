//! `tickdiff engines install`: puts the engines of `engines.lock.yaml` into
//! the project's engines directory ([`super::catalog`]), from the package
//! registries only: npm packages with `npm install --prefix`, Debian
//! packages with `apt-get download` and `dpkg-deb -x` (nothing system-wide,
//! no root), an npm package's sources with `npm pack` and `tar -x`, then the
//! pin's `build` commands in the engine's directory (XS: `make` of
//! xsnap-worker). Idempotent: an engine whose marker matches its pin is left
//! as it is; an interrupted install is started again from an empty directory.

use super::catalog::{self, Pin};
use super::InstallError;
use crate::error::Error;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

/// Installs the named backends and tools (all of the lock's when `names` is
/// empty or holds `all`), with progress on stderr. The error lists every engine that
/// could not be installed and why; the others are installed.
pub fn install(names: &[String]) -> Result<(), Error> {
    let lock = catalog::lock();
    let mut wanted: Vec<String> = if names.is_empty() || names.iter().any(|n| n == "all") {
        lock.names().cloned().collect()
    } else {
        names.to_vec()
    };
    for name in &wanted {
        if catalog::pin(name).is_none() {
            let known: Vec<&str> = lock.names().map(String::as_str).collect();
            return Err(Error::Usage(format!(
                "no engine '{name}' to install (installable: {})",
                known.join(", ")
            )));
        }
    }
    // An engine written in JavaScript needs the node it runs on first.
    let mut order = Vec::new();
    for name in wanted.drain(..) {
        if let Some(base) = catalog::pin(&name).and_then(|p| p.runs_on.clone()) {
            if !order.contains(&base) {
                order.push(base);
            }
        }
        if !order.contains(&name) {
            order.push(name);
        }
    }
    let mut failed = Vec::new();
    for name in &order {
        let pin = catalog::pin(name).expect("checked");
        if catalog::installed(name) {
            eprintln!("{name}: {} already installed in {}", pin.version, catalog::engine_dir(name).display());
            continue;
        }
        eprintln!("{name}: installing {} ...", pin.engine);
        let started = Instant::now();
        match install_one(name, pin) {
            Ok(()) => eprintln!(
                "{name}: installed {} in {:.0?} ({})",
                pin.version,
                started.elapsed(),
                catalog::engine_dir(name).join(&pin.binary).display()
            ),
            Err(e) => {
                eprintln!("{name}: cannot be installed: {e}");
                failed.push(format!("{name}: {e}"));
            }
        }
    }
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Error::Engine(format!("{} engine(s) not installed:\n  {}", failed.len(), failed.join("\n  "))))
    }
}

fn install_one(name: &str, pin: &Pin) -> Result<(), InstallError> {
    let dir = catalog::engine_dir(name);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(io_error("removing the old", &dir))?;
    }
    std::fs::create_dir_all(&dir).map_err(io_error("creating", &dir))?;
    if !pin.debian.is_empty() {
        install_debian(&dir, &pin.debian)?;
    }
    if let Some(package) = &pin.npm {
        install_npm(&dir, package, &pin.npm_with, pin.scripts)?;
    }
    if let Some(package) = &pin.npm_source {
        unpack_npm(&dir, package)?;
    }
    for argv in &pin.build {
        let (program, args) = argv.split_first().ok_or(InstallError::EmptyBuild)?;
        let mut cmd = Command::new(program);
        cmd.args(args).current_dir(&dir);
        run(cmd, &argv.join(" "))?;
    }
    let binary = dir.join(&pin.binary);
    if !binary.is_file() {
        return Err(InstallError::BinaryMissing { binary });
    }
    let marker = catalog::marker(name);
    std::fs::write(&marker, catalog::marker_text(name, pin))
        .map_err(io_error("writing the install marker", &marker))
}

/// An [`InstallError::Io`] of `what` on `path`, for `map_err`.
fn io_error<'p>(what: &'static str, path: &'p Path) -> impl FnOnce(std::io::Error) -> InstallError + 'p {
    move |source| InstallError::Io { what, path: path.to_path_buf(), source }
}

fn install_npm(dir: &Path, package: &str, with: &[String], scripts: bool) -> Result<(), InstallError> {
    let mut cmd = Command::new("npm");
    cmd.arg("install")
        .arg("--prefix")
        .arg(dir)
        .args(["--no-audit", "--no-fund", "--loglevel=error"])
        .arg(format!("--before={}", catalog::lock().npm_before));
    if !scripts {
        cmd.arg("--ignore-scripts");
    }
    cmd.arg(package).args(with);
    run(cmd, &format!("npm install {package}"))
}

/// The files in `dir` whose names end in `.ext`, sorted.
fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, InstallError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_error("reading", dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

/// The tarball of npm `package` (its integrity checked by npm against the
/// registry), unpacked into `dir/package`; the tarball is removed.
fn unpack_npm(dir: &Path, package: &str) -> Result<(), InstallError> {
    let packs = dir.join("pack");
    std::fs::create_dir_all(&packs).map_err(io_error("creating", &packs))?;
    let mut cmd = Command::new("npm");
    cmd.arg("pack")
        .arg(package)
        .arg("--pack-destination")
        .arg(&packs)
        .arg("--loglevel=error")
        .current_dir(&packs);
    run(cmd, &format!("npm pack {package}"))?;
    let tarballs = files_with_extension(&packs, "tgz")?;
    let [tarball] = tarballs.as_slice() else {
        return Err(InstallError::Tarballs { package: package.into(), count: tarballs.len() });
    };
    let mut cmd = Command::new("tar");
    cmd.arg("-xzf").arg(tarball).arg("-C").arg(dir).arg("--no-same-owner");
    run(cmd, &format!("tar -x {}", tarball.display()))?;
    std::fs::remove_dir_all(&packs).map_err(io_error("removing", &packs))
}

fn install_debian(dir: &Path, packages: &[String]) -> Result<(), InstallError> {
    let debs = dir.join("debs");
    std::fs::create_dir_all(&debs).map_err(io_error("creating", &debs))?;
    let mut cmd = Command::new("apt-get");
    cmd.arg("download").args(packages).current_dir(&debs);
    run_with_hint(
        cmd,
        "apt-get download",
        " (the package lists may be stale: `apt-get update` as root refreshes them)",
    )?;
    for deb in files_with_extension(&debs, "deb")? {
        let mut cmd = Command::new("dpkg-deb");
        cmd.arg("-x").arg(&deb).arg(dir);
        run(cmd, &format!("dpkg-deb -x {}", deb.display()))?;
    }
    std::fs::remove_dir_all(&debs).map_err(io_error("removing", &debs))
}

/// Runs `cmd`, its output to our stderr; an error names `what` and its exit.
fn run(cmd: Command, what: &str) -> Result<(), InstallError> {
    run_with_hint(cmd, what, "")
}

/// [`run`], with `hint` after the exit status when the command fails.
fn run_with_hint(mut cmd: Command, what: &str, hint: &'static str) -> Result<(), InstallError> {
    let status = cmd
        .stdin(Stdio::null())
        // Our stdout is the command's answer; the tools' chatter is progress.
        .stdout(std::io::stderr())
        .stderr(Stdio::inherit())
        .status()
        .map_err(|source| InstallError::CannotStart { what: what.into(), source })?;
    if status.success() {
        Ok(())
    } else {
        Err(InstallError::Failed { what: what.into(), status, hint })
    }
}
