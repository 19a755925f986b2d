//! Confinement of a worker's file system access with Landlock (Linux >=
//! 5.13, unprivileged): a confined worker may read only the files it needs
//! to run (its executable, its shared libraries, its engine directory, its
//! host script, `/proc`, the CPU list, `/dev/null` and `/dev/urandom`) and
//! write none. The shells `jsc` and `js` load any local file a program names
//! in `import()` as a module; confined, that is an error like any missing
//! module. Engines that refuse `import()` themselves (node's permission
//! model, XS without a load hook, engine262) are not confined.
//!
//! The ruleset is built in the parent ([`Ruleset::new`]: opening paths
//! allocates); the child only makes two system calls between fork and exec
//! ([`Ruleset::restrict`]). Raw system calls, because the `landlock` crate
//! would build its ruleset after the fork.

use super::Unavailable;
use std::ffi::CString;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const SYS_CREATE_RULESET: libc::c_long = 444;
const SYS_ADD_RULE: libc::c_long = 445;
const SYS_RESTRICT_SELF: libc::c_long = 446;
const CREATE_RULESET_VERSION: u32 = 1;
const RULE_PATH_BENEATH: u32 = 1;

// Landlock ABI 1 file system rights (linux/landlock.h).
const EXECUTE: u64 = 1 << 0;
const WRITE_FILE: u64 = 1 << 1;
const READ_FILE: u64 = 1 << 2;
const READ_DIR: u64 = 1 << 3;
/// Every ABI 1 right: all of them are denied unless a rule allows them.
const HANDLED: u64 = (1 << 13) - 1;

#[repr(C)]
struct RulesetAttr {
    handled_access_fs: u64,
}

#[repr(C, packed)]
struct PathBeneathAttr {
    allowed_access: u64,
    parent_fd: i32,
}

/// `e` with `what` in front of its message, of the same kind.
fn with_context(what: &str, e: io::Error) -> io::Error {
    io::Error::new(e.kind(), format!("{what}: {e}"))
}

/// Whether this kernel enforces Landlock.
pub fn available() -> bool {
    // SAFETY: the version query takes no pointer.
    unsafe {
        libc::syscall(SYS_CREATE_RULESET, std::ptr::null::<RulesetAttr>(), 0, CREATE_RULESET_VERSION) >= 1
    }
}

/// A Landlock ruleset ready to be applied to a child.
pub struct Ruleset(OwnedFd);

impl Ruleset {
    /// A ruleset that lets a process read (and execute) `readable` (files,
    /// or directories with everything beneath), and write only `/dev/null`.
    /// Paths that do not exist are left out.
    pub fn new(readable: &[PathBuf]) -> io::Result<Self> {
        let attr = RulesetAttr { handled_access_fs: HANDLED };
        // SAFETY: a valid attribute struct and its size.
        let fd = unsafe { libc::syscall(SYS_CREATE_RULESET, &attr, std::mem::size_of::<RulesetAttr>(), 0) };
        if fd < 0 {
            return Err(with_context("Landlock is not available", io::Error::last_os_error()));
        }
        // SAFETY: the kernel just gave us this descriptor.
        let ruleset = Ruleset(unsafe { OwnedFd::from_raw_fd(fd as i32) });
        for path in readable {
            let Ok(meta) = std::fs::metadata(path) else { continue };
            let rights = if meta.is_dir() { READ_FILE | READ_DIR | EXECUTE } else { READ_FILE | EXECUTE };
            ruleset.allow(path, rights)?;
        }
        ruleset.allow(Path::new("/dev/null"), READ_FILE | WRITE_FILE)?;
        Ok(ruleset)
    }

    fn allow(&self, path: &Path, rights: u64) -> io::Result<()> {
        let c = CString::new(path.as_os_str().as_bytes())?;
        // SAFETY: a NUL-terminated path; O_PATH opens nothing for reading.
        let fd = unsafe { libc::open(c.as_ptr(), libc::O_PATH | libc::O_CLOEXEC) };
        if fd < 0 {
            return Err(with_context(&path.display().to_string(), io::Error::last_os_error()));
        }
        // SAFETY: just opened.
        let fd = unsafe { OwnedFd::from_raw_fd(fd) };
        let rule = PathBeneathAttr { allowed_access: rights, parent_fd: fd.as_raw_fd() };
        // SAFETY: a valid rule struct for RULE_PATH_BENEATH.
        let r = unsafe { libc::syscall(SYS_ADD_RULE, self.0.as_raw_fd(), RULE_PATH_BENEATH, &rule, 0) };
        if r < 0 {
            let what = format!("Landlock rule for {}", path.display());
            return Err(with_context(&what, io::Error::last_os_error()));
        }
        Ok(())
    }

    /// The descriptor [`Ruleset::restrict`] takes in the child.
    pub fn fd(&self) -> i32 {
        self.0.as_raw_fd()
    }

    /// Applies ruleset `fd` to the calling process (and what it executes).
    ///
    /// # Safety
    /// `fd` must be a ruleset descriptor from [`Ruleset::fd`] that is still
    /// open. Meant for a child between fork and exec (`pre_exec`): it makes
    /// only two syscalls, both async-signal-safe, and allocates nothing.
    pub unsafe fn restrict(fd: i32) -> std::io::Result<()> {
        if libc::prctl(libc::PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0
            || libc::syscall(SYS_RESTRICT_SELF, fd, 0) != 0
        {
            return Err(std::io::Error::last_os_error());
        }
        Ok(())
    }
}

/// What a confined shell must be able to read: `program`, its shared
/// libraries (as `ldd` finds them with `env`), the dynamic linker's cache,
/// and the kernel's views of the process and the CPUs.
pub fn runtime_files(
    program: &Path,
    env: &[(std::ffi::OsString, std::ffi::OsString)],
) -> Result<Vec<PathBuf>, Unavailable> {
    let ldd_failed = |why: String| Unavailable::Ldd { program: program.to_path_buf(), why };
    let out = Command::new("ldd")
        .arg(program)
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .map_err(|e| ldd_failed(e.to_string()))?;
    if !out.status.success() {
        return Err(ldd_failed(String::from_utf8_lossy(&out.stderr).trim().to_string()));
    }
    let mut files = vec![program.to_path_buf()];
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        // `libx.so.1 => /path/libx.so.1 (0x...)` or `/lib64/ld-linux-x86-64.so.2 (0x...)`.
        let path = line.split("=>").last().unwrap_or("").split(" (").next().unwrap_or("").trim();
        if path.contains("not found") {
            return Err(Unavailable::MissingLibrary {
                program: program.to_path_buf(),
                line: line.trim().into(),
            });
        }
        if path.starts_with('/') {
            files.push(PathBuf::from(path));
        }
    }
    files.extend(["/etc/ld.so.cache", "/proc", "/sys/devices/system/cpu", "/dev/urandom"].map(PathBuf::from));
    Ok(files)
}
