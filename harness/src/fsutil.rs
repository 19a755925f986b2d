//! Files that are either wholly written or not there at all.

use crate::error::Error;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;

/// What the temporary file's name starts with; six random characters follow.
pub const TEMP_PREFIX: &str = ".tickdiff-";

/// Whether `name` is one of [`write_atomic`]'s temporary files, which a
/// SIGKILL between creating and renaming it may leave behind.
pub fn is_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .is_some_and(|r| r.len() == 6 && r.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Writes `bytes` to `path` through a temporary file in the same directory
/// and a rename, so a killed process never leaves a half-written file.
///
/// The file gets the mode a plain `create` would give it (0666 less the
/// umask), not the 0600 of a temporary file: campaign output is meant to be
/// shared (CI artifacts, a web server serving reports).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let err = |e: std::io::Error| Error::io(path)(e);
    let mode = 0o666 & !umask();
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .permissions(std::fs::Permissions::from_mode(mode))
        .tempfile_in(dir)
        .map_err(err)?;
    tmp.write_all(bytes).map_err(err)?;
    tmp.as_file().sync_data().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

/// The process's umask, read once from `/proc/self/status` (setting and
/// restoring it with `umask(2)` would race with other threads creating
/// files); 022 where that line is missing.
pub fn umask() -> u32 {
    static UMASK: OnceLock<u32> = OnceLock::new();
    *UMASK.get_or_init(|| {
        std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let line = s.lines().find(|l| l.starts_with("Umask:"))?;
                u32::from_str_radix(line["Umask:".len()..].trim(), 8).ok()
            })
            .unwrap_or(0o022)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_respect_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.json");
        write_atomic(&path, b"{}").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask());
        assert_eq!(std::fs::read(&path).unwrap(), b"{}");
        // No temporary file is left beside it.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
