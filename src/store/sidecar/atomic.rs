//! Writing a file so that it is, at every moment, either the old version or the new one.

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed and synced,
/// then renamed over the old file. On error the old file is untouched and the temporary file is
/// removed.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomically_with(path, |file| file.write_all(bytes))
}

/// Like [`write_atomically`], with `write` filling the temporary file: the seam through which
/// tests inject a writer that fails half-way (a full disk, a yanked drive).
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map_or_else(|| "sidecar".into(), |n| n.to_string_lossy());
    remove_stale_temporaries(folder, &name);
    // The process id in the name tells a save in progress from one a killed process left.
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}.{}.", std::process::id()))
        .suffix(".tmp")
        .tempfile_in(folder)?;
    write(&mut temporary)?;
    temporary.flush()?;
    keep_permissions(path, temporary.as_file())?;
    temporary.as_file().sync_all()?;
    temporary.persist(path).map_err(|e| e.error)?;
    sync_folder(folder);
    Ok(())
}

/// Removes temporary files that earlier saves of `name` left when their process was killed:
/// those of processes no longer running (on Linux), or older than an hour (elsewhere).
fn remove_stale_temporaries(folder: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let prefix = format!(".{name}.");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name
            .strip_prefix(&prefix)
            .filter(|r| r.ends_with(".tmp"))
        else {
            continue;
        };
        let pid = rest.split('.').next().and_then(|p| p.parse::<u32>().ok());
        if pid == Some(std::process::id()) {
            continue;
        }
        let proc_folder = Path::new("/proc");
        let stale = match pid {
            Some(pid) if proc_folder.exists() => !proc_folder.join(pid.to_string()).exists(),
            _ => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age.as_secs() > 3600),
        };
        if stale && let Err(error) = std::fs::remove_file(entry.path()) {
            log::debug!(
                "could not remove the stale {}: {error}",
                entry.path().display()
            );
        }
    }
}

/// Gives the new file the old file's permissions, or the usual 0644 for a new one (tempfile
/// creates files readable by their owner only).
fn keep_permissions(path: &Path, file: &std::fs::File) -> std::io::Result<()> {
    match std::fs::metadata(path) {
        Ok(old) => file.set_permissions(old.permissions()),
        Err(_) => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                file.set_permissions(std::fs::Permissions::from_mode(0o644))
            }
            #[cfg(not(unix))]
            Ok(())
        }
    }
}

/// Makes the rename durable (best effort: not every platform can sync a folder).
#[cfg(unix)]
fn sync_folder(folder: &Path) {
    if let Err(error) = std::fs::File::open(folder).and_then(|dir| dir.sync_all()) {
        log::debug!("could not sync the folder {}: {error}", folder.display());
    }
}

/// Makes the rename durable: not every platform can sync a folder, and this one cannot.
#[cfg(not(unix))]
fn sync_folder(_folder: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leaving_temporary_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.ron");
        write_atomically(&path, b"one").unwrap();
        write_atomically(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("a.txt.ron")]);
    }

    #[test]
    fn temporaries_of_killed_saves_are_removed_by_the_next_save() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt.ron");
        // Left by process 999999999 (not running), and by this one (a save in progress).
        let stale = dir.path().join(".a.txt.ron.999999999.abcdef.tmp");
        let ours = dir
            .path()
            .join(format!(".a.txt.ron.{}.xyz.tmp", std::process::id()));
        let other = dir.path().join(".b.txt.ron.999999999.abcdef.tmp");
        for file in [&stale, &ours, &other] {
            std::fs::write(file, "half").unwrap();
        }
        write_atomically(&path, b"new").unwrap();
        assert!(!stale.exists());
        assert!(ours.exists(), "a save in progress is left alone");
        assert!(other.exists(), "another file's temporaries are left alone");
    }

    #[test]
    fn a_missing_folder_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("gone").join("a.txt.ron");
        assert!(write_atomically(&path, b"x").is_err());
    }
}
