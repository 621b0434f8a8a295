//! `cargo bench --bench documents`: opening documents that are not plain text. A generated PDF
//! of 100 pages in two columns (our own words, Helvetica, a running head and page numbers) is
//! opened five times; the median is printed, with a last line for scripts:
//! `bench: pdf_pages=100 pdf_open_ms=… pdf_chars=…`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]

use marginalia::model::Document;
use std::time::Instant;

/// Words to fill the pages with (ours).
const WORDS: &[&str] = &[
    "the", "harbour", "council", "said", "on", "Tuesday", "that", "repairs", "to", "pier", "would",
    "start", "in", "spring", "and", "fishing", "boats", "wait", "for", "news", "from", "ferry",
    "master", "who", "warned", "winter", "storms", "could", "delay", "work",
];

/// The content stream of page `n`: a running head, two columns of 50 lines, the page number.
fn page_content(n: usize) -> String {
    let mut content = String::from("BT /F1 9 Tf 72 760 Td (Harbour Report - draft) Tj ET\n");
    let mut word = n * 7;
    for column in 0..2 {
        let x = 72 + column * 250;
        for line in 0..50 {
            let y = 730 - line * 13;
            let mut text = String::new();
            while text.len() < 42 {
                text.push_str(WORDS[word % WORDS.len()]);
                text.push(' ');
                word += 1;
            }
            content.push_str(&format!(
                "BT /F1 10 Tf {x} {y} Td ({}) Tj ET\n",
                text.trim_end()
            ));
        }
    }
    content.push_str(&format!("BT /F1 9 Tf 300 40 Td ({}) Tj ET\n", n + 1));
    content
}

/// A PDF of `pages` pages, written out with its cross-reference table.
fn pdf(pages: usize) -> Vec<u8> {
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        String::new(), // the page tree, once the pages' numbers are known
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into(),
    ];
    let mut kids = Vec::new();
    for n in 0..pages {
        let content = page_content(n);
        objects.push(format!(
            "<< /Length {} >>\nstream\n{content}endstream",
            content.len()
        ));
        let content_id = objects.len();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents {content_id} 0 R >>"
        ));
        kids.push(format!("{} 0 R", objects.len()));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} >>",
        kids.join(" ")
    );
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (n, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{object}\nendobj\n", n + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for offset in offsets {
        out.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let pages = 100;
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, pdf(pages)).unwrap();
    let mut times = Vec::new();
    let mut chars = 0;
    for _ in 0..5 {
        let started = Instant::now();
        let document = Document::open(&path).expect("the generated PDF opens");
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        chars = document.char_count();
        assert_eq!(document.page_count(), Some(pages));
        assert!(
            !document.text().as_str().contains("Harbour Report"),
            "the running head is left out"
        );
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "PDF, {pages} pages in two columns: open median {median:.0} ms of 5 (min {:.0}, max {:.0}), {chars} chars",
        times[0], times[4]
    );
    println!("bench: pdf_pages={pages} pdf_open_ms={median:.0} pdf_chars={chars}");
}
