//! Web addresses, against a server of our own on 127.0.0.1 (no outside network): downloads
//! within the limits, a clear message for every failure, the page kept beside its text, and
//! `marginalia text URL`. The corpus's saved pages are served when `../shared/corpus` is there.

use marginalia::web::{self, Limits, WebError};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::path::Path;
use std::time::Duration;

/// Our own page.
const PAGE: &str = "<html><head><title>Harbour pier to reopen</title></head><body><nav>Home | News</nav><article><h1>Harbour pier to reopen</h1><p>The harbour master said on Tuesday that the pier would reopen in April.</p></article></body></html>";

/// What the server answers for `path`: status line, headers, body.
fn answer(path: &str) -> (String, Vec<(String, String)>, Vec<u8>) {
    let ok = |content_type: &str, body: Vec<u8>| {
        (
            "200 OK".to_owned(),
            vec![("Content-Type".to_owned(), content_type.to_owned())],
            body,
        )
    };
    let redirect = |to: &str| {
        (
            "302 Found".to_owned(),
            vec![("Location".to_owned(), to.to_owned())],
            Vec::new(),
        )
    };
    match path {
        "/news/harbour-pier" => ok("text/html; charset=utf-8", PAGE.as_bytes().to_vec()),
        "/moved" => redirect("/news/harbour-pier"),
        "/loop" => redirect("/loop"),
        "/big" => ok("text/html", vec![b'x'; 5000]),
        "/picture" => ok("image/png", vec![0x89, b'P', b'N', b'G']),
        "/report.pdf" => ok(
            "application/pdf",
            std::fs::read(
                Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf/harbour.pdf"),
            )
            .unwrap(),
        ),
        "/slow" => {
            std::thread::sleep(Duration::from_millis(2500));
            ok("text/html", PAGE.as_bytes().to_vec())
        }
        corpus if corpus.starts_with("/corpus/") => {
            let file = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../shared/corpus/articles/html")
                .join(&corpus["/corpus/".len()..]);
            match std::fs::read(file) {
                Ok(bytes) => ok("text/html", bytes),
                Err(_) => ("404 Not Found".to_owned(), Vec::new(), Vec::new()),
            }
        }
        _ => ("404 Not Found".to_owned(), Vec::new(), b"not here".to_vec()),
    }
}

/// A server on 127.0.0.1 answering by [`answer`]; gives its address.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut request = String::new();
                reader.read_line(&mut request).unwrap();
                let path = request.split_whitespace().nth(1).unwrap_or("/").to_owned();
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let (status, headers, body) = answer(&path);
                let mut head = format!(
                    "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
                    body.len()
                );
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                // The client may have gone (a timeout): nothing to tell.
                if stream.write_all(head.as_bytes()).is_ok() {
                    stream.write_all(&body).ok();
                }
            });
        }
    });
    address
}

#[test]
fn a_page_downloads_is_kept_beside_its_text_and_opens_as_a_saved_page() {
    let server = serve();
    let downloaded = web::download(&format!("{server}/moved"), &Limits::default()).unwrap();
    assert_eq!(downloaded.final_url, format!("{server}/news/harbour-pier"));
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("Marginalia");
    let page = web::keep(&downloaded, &folder).unwrap();
    assert_eq!(page, folder.join("127.0.0.1-harbour-pier.html"));
    assert_eq!(
        std::fs::read(&page).unwrap(),
        PAGE.as_bytes(),
        "the page as it came"
    );
    let document = marginalia::model::Document::open(&page).unwrap();
    assert_eq!(
        document.text().as_str(),
        "Harbour pier to reopen\n\nThe harbour master said on Tuesday that the pier would reopen in April.\n"
    );
    assert_eq!(
        std::fs::read_to_string(page.with_extension("txt")).unwrap(),
        document.text().as_str()
    );
    let link = std::fs::read_to_string(page.with_extension("url")).unwrap();
    assert!(
        link.contains(&format!("URL={server}/news/harbour-pier")),
        "{link}"
    );
    // The same page again is the same file; a PDF is kept as a PDF.
    assert_eq!(web::keep(&downloaded, &folder).unwrap(), page);
    let pdf = web::download(&format!("{server}/report.pdf"), &Limits::default()).unwrap();
    let kept = web::keep(&pdf, &folder).unwrap();
    assert_eq!(kept, folder.join("127.0.0.1-report.pdf"));
    assert_eq!(
        marginalia::model::Document::open(&kept)
            .unwrap()
            .page_count(),
        Some(2)
    );
}

/// Whether an error is the one expected.
type IsError = fn(&WebError) -> bool;

#[test]
fn every_failure_of_a_download_says_what_happened_and_where() {
    let server = serve();
    let limits = Limits {
        max_bytes: 1000,
        timeout: Duration::from_secs(1),
        max_redirects: 3,
    };
    let cases: [(&str, IsError, &str); 6] = [
        (
            "/nothing",
            |e| matches!(e, WebError::Status { status: 404, .. }),
            "answered 404",
        ),
        (
            "/loop",
            |e| matches!(e, WebError::Redirects { limit: 3, .. }),
            "redirects more than 3 times",
        ),
        (
            "/big",
            |e| matches!(e, WebError::TooLarge { .. }),
            "is larger than",
        ),
        (
            "/picture",
            |e| matches!(e, WebError::NotAPage { .. }),
            "“image/png”",
        ),
        (
            "/slow",
            |e| matches!(e, WebError::Timeout { seconds: 1, .. }),
            "did not download within 1 s",
        ),
        (
            "ftp",
            |e| matches!(e, WebError::NotWeb(_)),
            "starts with http:// or https://",
        ),
    ];
    for (path, is, says) in cases {
        let url = if path == "ftp" {
            "ftp://127.0.0.1/x".to_owned()
        } else {
            format!("{server}{path}")
        };
        let error = web::download(&url, &limits).expect_err("refused");
        let message = error.to_string();
        assert!(is(&error), "{path}: {error:?}");
        assert!(
            message.contains(says) && message.contains(&url),
            "{path}: {message}"
        );
    }
    // Nothing listens on a closed port.
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap();
    let error = web::download(&format!("http://{closed}/x"), &limits).expect_err("no server");
    assert!(matches!(error, WebError::Connection { .. }), "{error:?}");
}

#[test]
fn marginalia_text_prints_a_web_page_s_text() {
    let server = serve();
    let run = |url: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .args(["text", url])
            .output()
            .unwrap()
    };
    let output = run(&format!("{server}/news/harbour-pier"));
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        "Harbour pier to reopen\n\nThe harbour master said on Tuesday that the pier would reopen in April.\n"
    );
    let missing = format!("{server}/nothing");
    let output = run(&missing);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&missing) && stderr.contains("404"),
        "{stderr}"
    );
    assert!(output.stdout.is_empty());
}

#[test]
fn the_corpus_pages_download_and_give_the_text_their_saved_files_give() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/articles/html");
    let Ok(entries) = std::fs::read_dir(&folder) else {
        println!("no corpus at {}: skipped", folder.display());
        return;
    };
    let server = serve();
    let mut pages = 0;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let downloaded =
            web::download(&format!("{server}/corpus/{name}"), &Limits::default()).unwrap();
        let saved = marginalia::model::Document::open(&path);
        match (web::text_of(&downloaded), saved) {
            (Ok(text), Ok(saved)) => assert_eq!(text, saved.text().as_str(), "{name}"),
            (Err(downloaded), Err(saved)) => {
                assert_eq!(
                    downloaded.to_string().contains("no article text"),
                    saved.to_string().contains("no article text"),
                    "{name}"
                )
            }
            (downloaded, saved) => panic!("{name}: {downloaded:?} but {saved:?}"),
        }
        pages += 1;
    }
    assert!(pages > 0);
}
