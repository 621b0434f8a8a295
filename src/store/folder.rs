//! A folder of articles: the articles in it and below, and how far each is annotated, read in
//! the background so that a folder of a thousand articles lists at once. No egui.

use crate::model::Document;
use crate::store::sidecar;
use std::path::{Path, PathBuf};

/// File name extensions of the articles Marginalia opens.
pub const ARTICLE_EXTENSIONS: [&str; 7] = ["txt", "md", "html", "htm", "docx", "odt", "pdf"];

/// The articles in `folder` and below, in path order; hidden folders and files are skipped.
pub fn articles_in(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    collect(folder, &mut found, true)?;
    found.sort();
    Ok(found)
}

fn collect(folder: &Path, found: &mut Vec<PathBuf>, top: bool) -> std::io::Result<()> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        // A subfolder we may not read is skipped; the folder asked for must be readable.
        Err(error) if top => return Err(error),
        Err(_) => return Ok(()),
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, found, false)?;
        } else if is_article(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// Whether Marginalia opens files like `path`.
pub fn is_article(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        let e = e.to_string_lossy().to_lowercase();
        ARTICLE_EXTENSIONS.contains(&e.as_str())
    })
}

/// How far an article is annotated.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ArticleStatus {
    /// Annotations in its default set.
    pub annotations: usize,
    /// Its named annotation sets.
    pub sets: Vec<String>,
    /// The article's text changed since its default set was saved.
    pub changed: bool,
    /// Why the article or its sidecar could not be read.
    pub problem: Option<String>,
}

/// Reads how far the article at `path` is annotated (without placing its annotations).
pub fn status(path: &Path) -> ArticleStatus {
    let sets = sidecar::list_sets(path).into_iter().flatten().collect();
    let summary = match sidecar::summary(&sidecar::sidecar_path(path)) {
        Ok(summary) => summary,
        Err(error) => {
            return ArticleStatus {
                sets,
                problem: Some(error.to_string()),
                ..ArticleStatus::default()
            };
        }
    };
    let Some(summary) = summary else {
        return ArticleStatus {
            sets,
            ..ArticleStatus::default()
        };
    };
    match Document::open(path) {
        Ok(document) => ArticleStatus {
            annotations: summary.annotations,
            sets,
            changed: document.fingerprint() != &summary.fingerprint,
            problem: None,
        },
        Err(error) => ArticleStatus {
            annotations: summary.annotations,
            sets,
            changed: false,
            problem: Some(error.to_string()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_are_listed_below_and_in_order_and_statuses_say_what_changed() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("b/.hidden")).unwrap();
        for (name, text) in [
            ("b/two.txt", "Zweiter Artikel."),
            ("a.md", "# Erster"),
            ("b/.hidden/x.txt", "hidden"),
            ("notes.ron", "()"),
            ("b/page.html", "<p>x</p>"),
        ] {
            std::fs::write(d.join(name), text).unwrap();
        }
        let found = articles_in(d).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|p| p.strip_prefix(d).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.md", "b/page.html", "b/two.txt"]);

        // An annotated article, then changed; a named set; a broken sidecar.
        let article = d.join("b/two.txt");
        let document = Document::open(&article).unwrap();
        let mut set = crate::model::AnnotationSet::new();
        let span = crate::model::CharSpan::new(0, 7).unwrap();
        let annotation = crate::model::Annotation::new(
            set.fresh_id(),
            crate::model::Kind::Entity,
            span,
            &document,
        );
        set.insert(annotation, &document).unwrap();
        sidecar::save(
            &sidecar::sidecar_path(&article),
            &document,
            &set,
            &Default::default(),
        )
        .unwrap();
        sidecar::save(
            &sidecar::set_path(&article, Some("kim")),
            &document,
            &set,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            status(&article),
            ArticleStatus {
                annotations: 1,
                sets: vec!["kim".to_owned()],
                changed: false,
                problem: None
            }
        );
        std::fs::write(&article, "Zweiter Artikel, korrigiert.").unwrap();
        assert!(status(&article).changed);
        std::fs::write(d.join("a.md.ron"), "(broken").unwrap();
        assert!(status(&d.join("a.md")).problem.is_some());
        assert_eq!(status(&d.join("b/page.html")), ArticleStatus::default());

        let statuses: Vec<ArticleStatus> = found.iter().map(|p| status(p)).collect();
        assert_eq!(statuses.len(), 3);
        assert!(statuses[2].changed);
    }
}
