//! Fonts for the article's scripts. egui's bundled fonts cover Latin, Greek, Cyrillic and
//! emoji; for anything else (Arabic, Hebrew, Chinese, Japanese, Devanagari…) the installed system
//! fonts that have the missing characters are added as fallbacks, only when an article needs
//! them.

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

/// The fonts added so far, so that each is added once.
#[derive(Default)]
pub struct FontLibrary {
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
    /// Makes sure `text` can be drawn: adds installed fonts that have the characters egui's
    /// fonts lack.
    pub fn cover(&mut self, ctx: &egui::Context, text: &str) -> Coverage {
        let mut missing = missing_chars(ctx, text);
        let mut coverage = Coverage::default();
        if missing.is_empty() {
            return coverage;
        }
        for path in candidate_files() {
            if missing.is_empty() {
                break;
            }
            if self.added.contains(&path) {
                continue;
            }
            let Ok(data) = std::fs::read(&path) else {
                continue;
            };
            if data.is_empty() {
                continue;
            };
            for (index, font) in faces(&data) {
                let charmap = font.charmap();
                let before = missing.len();
                missing.retain(|&c| charmap.map(c).is_none());
                if missing.len() < before {
                    let name = format!("{} #{index}", path.display());
                    ctx.add_font(FontInsert::new(
                        &name,
                        FontData {
                            index,
                            ..FontData::from_owned(data.clone())
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
                    self.added.insert(path.clone());
                    coverage.added.push(path.clone());
                    break;
                }
            }
        }
        coverage.missing = missing.into_iter().take(8).collect();
        coverage
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
fn font_folders() -> Vec<PathBuf> {
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
fn candidate_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in font_folders() {
        collect_fonts(&folder, 0, &mut files);
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
    fn bundled_fonts_cover_latin_but_not_cjk() {
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        let missing = missing_chars(&ctx, "Zoë Ångström \u{200D}港 ");
        assert_eq!(missing, BTreeSet::from(['港']));
    }
}
