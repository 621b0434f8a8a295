//! Fonts for the article's scripts. egui's bundled fonts cover Latin, Greek, Cyrillic and
//! emoji; for anything else (Arabic, Hebrew, Chinese, Japanese, Devanagari…) Marginalia's own
//! font subsets (`assets/fonts/`: Arabic, the sample article's CJK, symbols) and then the fonts
//! in the [`FontSources`]' folders that have the missing characters are added as fallbacks,
//! only when an article needs them.

use egui::epaint::text::{FontInsert, InsertFontFamily};
use egui::{FontData, FontFamily, FontId};
use skrifa::MetadataProvider;
use skrifa::raw::{FileRef, FontRef};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// Font files looked at, at most, for one article (a desktop may have thousands).
const MAX_FONT_FILES: usize = 2000;

/// Folders deeper than this below a font folder are not searched.
const MAX_DEPTH: usize = 6;

/// The environment variable that replaces the system's font folders (a list of folders, as
/// `PATH` lists them; empty for none), so that what an article shows does not depend on the
/// fonts a machine happens to have.
pub const FONT_DIRS_VARIABLE: &str = "MARGINALIA_FONT_DIRS";

/// The fonts Marginalia carries: small subsets, added before any installed font is looked for.
const BUNDLED: [(&str, &[u8]); 3] = [
    (
        "bundled: Noto Sans Arabic (subset)",
        include_bytes!("../../../assets/fonts/NotoSansArabic-Marginalia.ttf"),
    ),
    (
        "bundled: Noto Sans CJK SC (subset)",
        include_bytes!("../../../assets/fonts/NotoSansCJKsc-Marginalia.otf"),
    ),
    (
        "bundled: Symbola (subset)",
        include_bytes!("../../../assets/fonts/Symbola-Marginalia.ttf"),
    ),
];

/// The symbols Marginalia's own labels and messages use ("File → Export", "▸", "×3", "“48.6” →
/// “49.1”"), covered from the bundled fonts at start, whatever the article.
pub const UI_SYMBOLS: &str = "→←↑↓▸▾×…“”‘’·–—●✓";

/// Where installed fonts are looked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FontSources {
    folders: Vec<PathBuf>,
}

impl FontSources {
    /// The folders of [`FONT_DIRS_VARIABLE`] when it is set, else the system's font folders.
    pub fn from_env() -> Self {
        match std::env::var_os(FONT_DIRS_VARIABLE) {
            Some(list) => Self::folders(std::env::split_paths(&list).collect()),
            None => Self::folders(system_font_folders()),
        }
    }

    /// The font files in `folders` (and below) only.
    pub fn folders(folders: Vec<PathBuf>) -> Self {
        Self {
            folders: folders
                .into_iter()
                .filter(|f| !f.as_os_str().is_empty())
                .collect(),
        }
    }
}

/// The fonts added so far, so that each is added once.
pub struct FontLibrary {
    sources: FontSources,
    added: HashSet<PathBuf>,
}

/// What [`FontLibrary::cover`] did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Font files added as fallbacks.
    pub added: Vec<PathBuf>,
    /// A few characters that no installed font has (they show as boxes).
    pub missing: Vec<char>,
}

impl FontLibrary {
    /// A library that looks in `sources` after the bundled fonts.
    pub fn new(sources: FontSources) -> Self {
        Self {
            sources,
            added: HashSet::new(),
        }
    }

    /// Makes sure `text` can be drawn: adds bundled, then installed fonts that have the
    /// characters egui's fonts lack.
    pub fn cover(&mut self, ctx: &egui::Context, text: &str) -> Coverage {
        let mut missing = missing_chars(ctx, text);
        let mut coverage = Coverage::default();
        if missing.is_empty() {
            return coverage;
        }
        for (name, data) in BUNDLED {
            if missing.is_empty() {
                break;
            }
            let key = PathBuf::from(name);
            if !self.added.contains(&key) && self.add_if_useful(ctx, &key, data, &mut missing) {
                coverage.added.push(key);
            }
        }
        for path in candidate_files(&self.sources.folders) {
            if missing.is_empty() {
                break;
            }
            if self.added.contains(&path) {
                continue;
            }
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            if self.add_if_useful(ctx, &path, &data, &mut missing) {
                coverage.added.push(path);
            }
        }
        coverage.missing = missing.into_iter().take(8).collect();
        coverage
    }

    /// Adds the first face of `data` that has some of the `missing` chars, and takes those
    /// off the list; true when a face was added.
    fn add_if_useful(
        &mut self,
        ctx: &egui::Context,
        key: &Path,
        data: &[u8],
        missing: &mut BTreeSet<char>,
    ) -> bool {
        for (index, font) in faces(data) {
            let charmap = font.charmap();
            let before = missing.len();
            missing.retain(|&c| charmap.map(c).is_none());
            if missing.len() < before {
                let name = format!("{} #{index}", key.display());
                ctx.add_font(FontInsert::new(
                    &name,
                    FontData {
                        index,
                        ..FontData::from_owned(data.to_vec())
                    },
                    vec![
                        InsertFontFamily {
                            family: FontFamily::Proportional,
                            priority: egui::epaint::text::FontPriority::Lowest,
                        },
                        InsertFontFamily {
                            family: FontFamily::Monospace,
                            priority: egui::epaint::text::FontPriority::Lowest,
                        },
                    ],
                ));
                self.added.insert(key.to_owned());
                return true;
            }
        }
        false
    }
}

/// The characters of `text` that egui's fonts cannot draw (invisible ones aside).
fn missing_chars(ctx: &egui::Context, text: &str) -> BTreeSet<char> {
    let distinct: BTreeSet<char> = text.chars().filter(|&c| is_visible(c)).collect();
    let font = FontId::proportional(14.0);
    ctx.fonts_mut(|fonts| {
        distinct
            .into_iter()
            .filter(|&c| !fonts.has_glyph(&font, c))
            .collect()
    })
}

/// False for characters that draw nothing of their own: controls, white space, joiners,
/// direction marks, variation selectors and tags.
fn is_visible(c: char) -> bool {
    !(c.is_control()
        || c.is_whitespace()
        || matches!(c,
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'))
}

/// Each face of a font file (a `.ttc` collection holds several).
fn faces(data: &[u8]) -> Vec<(u32, FontRef<'_>)> {
    match FileRef::new(data) {
        Ok(FileRef::Font(font)) => vec![(0, font)],
        Ok(FileRef::Collection(collection)) => (0..collection.len())
            .filter_map(|i| collection.get(i).ok().map(|font| (i, font)))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The folders where systems keep fonts.
fn system_font_folders() -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = [
        "/usr/share/fonts",
        "/usr/local/share/fonts",
        "/System/Library/Fonts",
        "/Library/Fonts",
        "C:\\Windows\\Fonts",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        folders.push(home.join(".local/share/fonts"));
        folders.push(home.join(".fonts"));
        folders.push(home.join("Library/Fonts"));
    }
    folders
}

/// Installed font files, regular upright text faces first (bold, italic, mono and display
/// faces last), then smaller files first.
fn candidate_files(folders: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in folders {
        collect_fonts(folder, 0, &mut files);
    }
    let mut keyed: Vec<(bool, u64, PathBuf)> = files
        .into_iter()
        .take(MAX_FONT_FILES)
        .filter_map(|path| {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            // Colour emoji fonts hold bitmaps, which egui does not draw: a box says more.
            if name.contains("color") || name.contains("colour") {
                return None;
            }
            let unusual = [
                "bold",
                "italic",
                "oblique",
                "light",
                "thin",
                "black",
                "mono",
                "condensed",
                "medium",
                "semi",
                "extra",
                "heavy",
                "serif",
            ]
            .iter()
            .any(|w| name.contains(w));
            let size = std::fs::metadata(&path).map_or(u64::MAX, |m| m.len());
            Some((unusual, size, path))
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, _, path)| path).collect()
}

fn collect_fonts(folder: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    if depth > MAX_DEPTH || out.len() >= MAX_FONT_FILES {
        return;
    }
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_fonts(&path, depth + 1, out);
        } else if path.extension().is_some_and(|e| {
            let e = e.to_string_lossy().to_lowercase();
            e == "ttf" || e == "otf" || e == "ttc"
        }) {
            out.push(path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_characters_need_no_font() {
        assert!(!is_visible('\u{200D}'), "zero-width joiner");
        assert!(!is_visible('\u{FE0F}'), "variation selector");
        assert!(!is_visible('\r'));
        assert!(is_visible('港'));
        assert!(is_visible('ع'));
    }

    #[test]
    fn the_bundled_fonts_cover_the_sample_article_without_any_installed_font() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let sample = include_str!("../../../assets/sample-article.txt");
        let mut library = FontLibrary::new(FontSources::folders(Vec::new()));
        let coverage = library.cover(&ctx, sample);
        assert!(coverage.missing.is_empty(), "{:?}", coverage.missing);
        assert!(
            !coverage.added.is_empty(),
            "egui alone lacks the sample's CJK"
        );
        assert!(missing_chars(&ctx, sample).is_empty());
        // Covered now: a second article with the same scripts adds nothing.
        assert_eq!(library.cover(&ctx, sample), Coverage::default());
    }

    #[test]
    fn the_bundled_fonts_cover_the_window_s_own_symbols() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        assert!(
            missing_chars(&ctx, UI_SYMBOLS).contains(&'→'),
            "egui's own fonts lack the arrow"
        );
        let mut library = FontLibrary::new(FontSources::folders(Vec::new()));
        let coverage = library.cover(&ctx, UI_SYMBOLS);
        assert!(coverage.missing.is_empty(), "{:?}", coverage.missing);
        assert!(missing_chars(&ctx, UI_SYMBOLS).is_empty());
    }

    #[test]
    fn an_empty_font_variable_means_no_folders() {
        assert!(
            FontSources::folders(std::env::split_paths("").collect())
                .folders
                .is_empty()
        );
    }

    #[test]
    fn bundled_fonts_cover_latin_but_not_cjk() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let missing = missing_chars(&ctx, "Zoë Ångström \u{200D}港 ");
        assert_eq!(missing, BTreeSet::from(['港']));
    }
}
