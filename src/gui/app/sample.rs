//! The sample article, built into the binary, opened as a copy in the user's data folder: the
//! annotations a newcomer makes are saved beside that copy, never into the program's files.

use std::path::{Path, PathBuf};

/// The copy's file name.
const FILE_NAME: &str = "sample-article.txt";

/// Why there is no copy of the sample to open.
#[derive(Debug, thiserror::Error)]
pub enum SampleError {
    /// The system names no data folder for the user.
    #[error(
        "There is no user data folder to put the sample article in: open an article with File → Open (Ctrl+O)."
    )]
    NoDataFolder,
    /// The copy could not be written.
    #[error("Could not copy the sample article to “{}”: {source}. Open an article with File → Open (Ctrl+O).", path.display())]
    Write {
        /// Where it was to go.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
}

/// The sample's copy in `data_dir`, written there first if it is not yet (an annotated copy is
/// never written over).
pub fn copy_in(data_dir: Option<&Path>) -> Result<PathBuf, SampleError> {
    let folder = data_dir.ok_or(SampleError::NoDataFolder)?.join("sample");
    let path = folder.join(FILE_NAME);
    if path.is_file() {
        return Ok(path);
    }
    let write = || {
        std::fs::create_dir_all(&folder)?;
        std::fs::write(&path, crate::SAMPLE_ARTICLE)
    };
    write().map_err(|source| SampleError::Write {
        path: path.clone(),
        source,
    })?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_copy_is_written_once_and_then_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let copy = copy_in(Some(dir.path())).unwrap();
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap(),
            crate::SAMPLE_ARTICLE
        );
        std::fs::write(&copy, "changed by the user").unwrap();
        assert_eq!(copy_in(Some(dir.path())).unwrap(), copy);
        assert_eq!(
            std::fs::read_to_string(&copy).unwrap(),
            "changed by the user"
        );
        assert!(matches!(copy_in(None), Err(SampleError::NoDataFolder)));
    }
}
