//! Articles from web addresses: a page is downloaded (http and https only, within a size limit,
//! a time limit and a few redirects; no cookies are kept and no scripts run), and kept in a
//! folder as it came, beside a copy of its text and a link to where it came from, so that its
//! annotations have a stable file to sit beside. Its text is then read as any saved page's.

use crate::extract::SourceFormat;
use crate::model::{Document, OpenError};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What a download may take.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most bytes of a page.
    pub max_bytes: u64,
    /// The most time for the whole download.
    pub timeout: Duration,
    /// The most redirects followed.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 20 * 1024 * 1024,
            timeout: Duration::from_secs(30),
            max_redirects: 5,
        }
    }
}

/// Why a web address could not be read. Each message names the address and what to do.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    /// Not an http or https address.
    #[error(
        "“{0}” is not a web address Marginalia downloads: give one that starts with http:// or https://"
    )]
    NotWeb(String),
    /// The server answered with an error.
    #[error("“{url}” could not be downloaded: the server answered {status}; check the address")]
    Status {
        /// The address.
        url: String,
        /// The HTTP status.
        status: u16,
    },
    /// Larger than the limit.
    #[error(
        "“{url}” is larger than {} MB, more than Marginalia downloads: save the page from a browser and open the file",
        .limit / 1_000_000
    )]
    TooLarge {
        /// The address.
        url: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// Not done in time.
    #[error(
        "“{url}” did not download within {} s: check the connection, or save the page from a browser and open the file",
        .seconds
    )]
    Timeout {
        /// The address.
        url: String,
        /// The limit.
        seconds: u64,
    },
    /// Too many redirects.
    #[error(
        "“{url}” redirects more than {limit} times: open the address in a browser to see where it leads"
    )]
    Redirects {
        /// The address.
        url: String,
        /// The limit.
        limit: u32,
    },
    /// Neither a web page nor a PDF.
    #[error(
        "“{url}” is not a web page or a PDF (the server says it is “{content_type}”): Marginalia opens pages, PDFs and Word documents"
    )]
    NotAPage {
        /// The address.
        url: String,
        /// What the server says it is.
        content_type: String,
    },
    /// The connection failed.
    #[error("“{url}” could not be downloaded: {why}; check the address and the connection")]
    Connection {
        /// The address.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// The page could not be kept.
    #[error("the page of “{url}” could not be saved in “{}”: {source}; choose another folder", .folder.display())]
    Save {
        /// The address.
        url: String,
        /// The folder.
        folder: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

/// A downloaded page: where it ended up after redirects, what it is and its bytes.
#[derive(Clone, Debug)]
pub struct Downloaded {
    /// The address asked for.
    pub url: String,
    /// The address after redirects.
    pub final_url: String,
    /// A web page or a PDF.
    pub format: SourceFormat,
    /// The bytes as they came.
    pub bytes: Vec<u8>,
}

/// True for what looks like a web address (`http://`, `https://`), the way a command line or
/// the Open Web Address field tells one from a path.
pub fn is_web_address(text: &str) -> bool {
    let lower = text.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The web address a link file holds: an Internet shortcut (`.url`: `URL=` in its
/// `[InternetShortcut]` section, as browsers on Windows write when a link is dragged out, and as
/// Marginalia writes beside a kept page) or a desktop link (`.desktop` of `Type=Link`). `None`
/// for other files or other addresses.
pub fn address_in_link_file(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    if extension != "url" && extension != "desktop" {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    text.lines()
        .find_map(|line| line.trim().strip_prefix("URL="))
        .map(|url| url.trim().to_owned())
        .filter(|url| is_web_address(url))
}

/// Downloads `url` within `limits`.
pub fn download(url: &str, limits: &Limits) -> Result<Downloaded, WebError> {
    let url = url.trim();
    if !is_web_address(url) {
        return Err(WebError::NotWeb(url.to_owned()));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        .max_redirects(limits.max_redirects)
        .http_status_as_error(false)
        .user_agent(concat!("Marginalia/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let failed = |error: ureq::Error| match error {
        ureq::Error::Timeout(_) => WebError::Timeout {
            url: url.to_owned(),
            seconds: limits.timeout.as_secs(),
        },
        ureq::Error::TooManyRedirects => WebError::Redirects {
            url: url.to_owned(),
            limit: limits.max_redirects,
        },
        ureq::Error::BodyExceedsLimit(_) => WebError::TooLarge {
            url: url.to_owned(),
            limit: limits.max_bytes,
        },
        ureq::Error::HostNotFound => WebError::Connection {
            url: url.to_owned(),
            why: "its host was not found".to_owned(),
        },
        other => WebError::Connection {
            url: url.to_owned(),
            why: other.to_string(),
        },
    };
    let mut response = agent.get(url).call().map_err(failed)?;
    let status = response.status().as_u16();
    if status >= 300 {
        return Err(WebError::Status {
            url: url.to_owned(),
            status,
        });
    }
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/html")
        .to_ascii_lowercase();
    let format = if content_type.contains("html") {
        SourceFormat::Html
    } else if content_type.contains("application/pdf") {
        SourceFormat::Pdf
    } else {
        return Err(WebError::NotAPage {
            url: url.to_owned(),
            content_type,
        });
    };
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(failed)?;
    Ok(Downloaded {
        url: url.to_owned(),
        final_url,
        format,
        bytes,
    })
}

/// Where downloaded pages are kept unless the user chooses another folder: `Marginalia` in the
/// user's documents folder (`XDG_DOCUMENTS_DIR`, as `xdg-user-dirs` names it, else
/// `~/Documents`).
pub fn default_folder() -> Option<PathBuf> {
    let home = std::env::var_os("HOME")
        .or_else(|| std::env::var_os("USERPROFILE"))
        .map(PathBuf::from);
    let documents = std::env::var_os("XDG_DOCUMENTS_DIR")
        .map(PathBuf::from)
        .or_else(|| home.as_deref().and_then(documents_from_user_dirs))
        .or_else(|| home.map(|h| h.join("Documents")))?;
    Some(documents.join("Marginalia"))
}

/// The documents folder `~/.config/user-dirs.dirs` names, if any.
fn documents_from_user_dirs(home: &Path) -> Option<PathBuf> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| home.join(".config"));
    let text = std::fs::read_to_string(config.join("user-dirs.dirs")).ok()?;
    let line = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("XDG_DOCUMENTS_DIR="))?;
    let value = line.trim().trim_matches('"');
    let home_text = home.to_string_lossy();
    Some(PathBuf::from(value.replace("$HOME", &home_text)))
}

/// The text Marginalia annotates in a downloaded page (for `marginalia text URL`): read, decoded
/// and extracted as the kept file will be.
pub fn text_of(downloaded: &Downloaded) -> Result<String, OpenError> {
    let name = format!(
        "{}.{}",
        file_stem(&downloaded.final_url),
        extension(downloaded.format)
    );
    Document::from_bytes(PathBuf::from(name), downloaded.bytes.clone())
        .map(|document| document.text().as_str().to_owned())
}

/// The extension a kept page of `format` gets.
fn extension(format: SourceFormat) -> &'static str {
    match format {
        SourceFormat::Pdf => "pdf",
        SourceFormat::Docx => "docx",
        SourceFormat::Odt => "odt",
        SourceFormat::Html => "html",
    }
}

/// Keeps `downloaded` in `folder`: the page as it came (`NAME.html` or `NAME.pdf`, the name
/// from the address), a copy of its text (`NAME.txt`) and a link to where it came from
/// (`NAME.url`). A page kept before with the same bytes is used again; another gets a new name.
/// Gives the page's path, the article to open.
pub fn keep(downloaded: &Downloaded, folder: &Path) -> Result<PathBuf, WebError> {
    let failed = |source: std::io::Error| WebError::Save {
        url: downloaded.url.clone(),
        folder: folder.to_owned(),
        source,
    };
    std::fs::create_dir_all(folder).map_err(failed)?;
    let extension = extension(downloaded.format);
    let stem = file_stem(&downloaded.final_url);
    let mut n = 1;
    let page = loop {
        let name = if n == 1 {
            format!("{stem}.{extension}")
        } else {
            format!("{stem}-{n}.{extension}")
        };
        let candidate = folder.join(name);
        match std::fs::read(&candidate) {
            Ok(bytes) if bytes == downloaded.bytes => return Ok(candidate),
            Ok(_) => n += 1,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => break candidate,
            Err(error) => return Err(failed(error)),
        }
    };
    crate::store::sidecar::write_atomically(&page, &downloaded.bytes).map_err(failed)?;
    let link = format!("[InternetShortcut]\r\nURL={}\r\n", downloaded.final_url);
    crate::store::sidecar::write_atomically(&page.with_extension("url"), link.as_bytes())
        .map_err(failed)?;
    if let Ok(text) = text_of(downloaded) {
        crate::store::sidecar::write_atomically(&page.with_extension("txt"), text.as_bytes())
            .map_err(failed)?;
    }
    Ok(page)
}

/// The most chars of a kept page's name.
const MAX_STEM_CHARS: usize = 80;

/// A file name for the page at `url`: its host and the last part of its path, in letters,
/// digits and dashes ("example.org-harbour-pier-to-reopen").
pub fn file_stem(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let mut parts = rest.split('/').filter(|p| !p.is_empty());
    let host = parts.next().unwrap_or("page");
    let host = host.rsplit('@').next().unwrap_or(host);
    let host = host.split(':').next().unwrap_or(host);
    let last = parts.next_back().map(|p| {
        p.rsplit_once('.')
            .filter(|(_, ext)| ext.len() <= 5)
            .map_or(p, |(stem, _)| stem)
    });
    let raw = match last {
        Some(last) => format!("{host}-{last}"),
        None => host.to_owned(),
    };
    let mut stem = String::new();
    for c in raw.chars() {
        let keep = c.is_alphanumeric() || c == '.' || c == '-';
        let c = if keep {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            '-'
        };
        if !(c == '-' && stem.ends_with('-')) {
            stem.push(c);
        }
    }
    let stem: String = stem
        .trim_matches(['-', '.'])
        .chars()
        .take(MAX_STEM_CHARS)
        .collect();
    if stem.is_empty() {
        "page".to_owned()
    } else {
        stem
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_s_file_name_comes_from_its_address() {
        let cases = [
            (
                "https://example.org/news/harbour-pier-to-reopen",
                "example.org-harbour-pier-to-reopen",
            ),
            (
                "https://example.org/news/harbour.html?id=3#top",
                "example.org-harbour",
            ),
            ("http://user@Example.org:8080/", "example.org"),
            (
                "https://example.org/a/Äpfel und Birnen/",
                "example.org-äpfel-und-birnen",
            ),
            ("https://x.org/report.pdf", "x.org-report"),
            ("https://", "page"),
        ];
        for (url, stem) in cases {
            assert_eq!(file_stem(url), stem, "{url}");
        }
        assert!(is_web_address(" HTTPS://example.org"));
        let dir = tempfile::tempdir().expect("a temporary folder");
        let links = [
            (
                "a.url",
                "[InternetShortcut]\r\nURL=https://example.org/a\r\n",
                Some("https://example.org/a"),
            ),
            (
                "b.desktop",
                "[Desktop Entry]\nType=Link\nURL=http://example.org/b\n",
                Some("http://example.org/b"),
            ),
            (
                "c.url",
                "[InternetShortcut]\nURL=file:///etc/passwd\n",
                None,
            ),
            ("d.txt", "URL=https://example.org/d\n", None),
        ];
        for (name, text, address) in links {
            let path = dir.path().join(name);
            std::fs::write(&path, text).expect("written");
            assert_eq!(address_in_link_file(&path).as_deref(), address, "{name}");
        }
        assert!(!is_web_address("ftp://example.org"));
        assert!(!is_web_address("/home/me/http.txt"));
    }
}
