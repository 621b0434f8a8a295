//! A learning curve: how a model's quote suggestions score as it learns from more articles, as
//! a Markdown table and a PNG plot (plotters, drawing with egui's own Ubuntu font so that the
//! plot needs no installed font).

use super::attribution::Tally;
use plotters::prelude::*;
use std::path::{Path, PathBuf};

/// One point of the curve: a model trained on some articles, scored on others.
#[derive(Clone, Debug, PartialEq)]
pub struct CurvePoint {
    /// The articles trained on (0: the rules alone).
    pub articles: usize,
    /// The quotes in them.
    pub quotes: usize,
    /// The scores on the articles scored on.
    pub tally: Tally,
    /// Training time in seconds.
    pub seconds: f64,
    /// How the model combines with the rules, in words.
    pub combination: String,
}

/// Why the plot could not be written.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    /// Drawing failed.
    #[error("could not draw the learning curve: {0}")]
    Draw(String),
    /// Writing the PNG failed.
    #[error("could not write the plot “{path}”: {source}")]
    Write {
        /// The PNG.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// The curve as a Markdown table, a row per point.
pub fn to_markdown(points: &[CurvePoint]) -> String {
    let mut table = String::from(
        "| articles | quotes | P | R | F1 | speaker | cue | training | suggesting with |\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---|\n",
    );
    for point in points {
        let t = &point.tally;
        table.push_str(&format!(
            "| {} | {} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.0} s | {} |\n",
            point.articles,
            point.quotes,
            t.precision(),
            t.recall(),
            t.f1(),
            t.speaker_accuracy(),
            t.cue_accuracy(),
            point.seconds,
            point.combination
        ));
    }
    table
}

/// A line of the plot: its name, colour and the score it draws.
type Series = (&'static str, RGBColor, fn(&Tally) -> f64);

/// The plot's size in pixels.
const SIZE: (u32, u32) = (900, 560);

/// The font family the plot asks plotters for.
const FONT: &str = "sans-serif";

/// Gives plotters egui's Ubuntu font under [`FONT`] (once).
fn register_font() -> Result<(), PlotError> {
    static REGISTERED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    let ok = *REGISTERED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT)
            .is_ok()
    });
    if ok {
        Ok(())
    } else {
        Err(PlotError::Draw("the bundled font could not be read".into()))
    }
}

fn draw_error(error: impl std::fmt::Display) -> PlotError {
    PlotError::Draw(error.to_string())
}

/// Where a point sits on the x axis: training articles on a log scale, the rules alone at the
/// left edge.
fn x_of(articles: usize) -> f64 {
    (articles.max(1) as f64).log2()
}

/// Draws `points` (P, R, F1, speaker and cue accuracy against the articles trained on) into an
/// RGB buffer of [`SIZE`].
fn draw(points: &[CurvePoint], title: &str) -> Result<Vec<u8>, PlotError> {
    register_font()?;
    let mut pixels = vec![0u8; (SIZE.0 * SIZE.1 * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, SIZE).into_drawing_area();
        root.fill(&WHITE).map_err(draw_error)?;
        let last = points.iter().map(|p| x_of(p.articles)).fold(1.0, f64::max);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, (FONT, 22))
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(52)
            .build_cartesian_2d(-0.3..last + 0.3, 0.0..1.0)
            .map_err(draw_error)?;
        let labels: Vec<(f64, String)> = points
            .iter()
            .map(|p| {
                let label = match p.articles {
                    0 => "rules".to_owned(),
                    n => n.to_string(),
                };
                (x_of(p.articles), label)
            })
            .collect();
        chart
            .configure_mesh()
            .x_desc("articles trained on")
            .y_desc("score on the articles scored on")
            .x_labels(0)
            .y_labels(11)
            .label_style((FONT, 15))
            .draw()
            .map_err(draw_error)?;
        for (x, label) in &labels {
            chart
                .draw_series(std::iter::once(Text::new(
                    label.clone(),
                    (*x, -0.01),
                    (FONT, 14).into_font(),
                )))
                .map_err(draw_error)?;
        }
        let series: [Series; 5] = [
            ("F1", RGBColor(0, 90, 180), Tally::f1),
            ("precision", RGBColor(0, 150, 90), Tally::precision),
            ("recall", RGBColor(220, 120, 0), Tally::recall),
            ("speaker", RGBColor(150, 60, 170), Tally::speaker_accuracy),
            ("cue", RGBColor(120, 120, 120), Tally::cue_accuracy),
        ];
        for (name, colour, score) in series {
            let line: Vec<(f64, f64)> = points
                .iter()
                .map(|p| (x_of(p.articles), score(&p.tally)))
                .collect();
            let width = if name == "F1" { 3 } else { 2 };
            chart
                .draw_series(LineSeries::new(line.clone(), colour.stroke_width(width)))
                .map_err(draw_error)?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 20, y)], colour.stroke_width(width))
                });
            chart
                .draw_series(line.iter().map(|&at| Circle::new(at, 4, colour.filled())))
                .map_err(draw_error)?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .background_style(WHITE.mix(0.9))
            .border_style(BLACK)
            .label_font((FONT, 15))
            .draw()
            .map_err(draw_error)?;
        root.present().map_err(draw_error)?;
    }
    Ok(pixels)
}

/// Writes the curve of `points` as a PNG at `path`, under `title`.
pub fn plot(points: &[CurvePoint], title: &str, path: &Path) -> Result<(), PlotError> {
    let pixels = draw(points, title)?;
    let written = |source: std::io::Error| PlotError::Write {
        path: path.to_owned(),
        source,
    };
    let mut bytes = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut bytes, SIZE.0, SIZE.1);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder
            .write_header()
            .map_err(|e| written(std::io::Error::other(e)))?;
        writer
            .write_image_data(&pixels)
            .map_err(|e| written(std::io::Error::other(e)))?;
        writer
            .finish()
            .map_err(|e| written(std::io::Error::other(e)))?;
    }
    crate::store::sidecar::write_atomically(path, &bytes).map_err(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(articles: usize, matched: usize) -> CurvePoint {
        CurvePoint {
            articles,
            quotes: articles * 10,
            tally: Tally {
                gold: 100,
                predicted: 80,
                matched,
                with_speaker: matched,
                speaker_right: matched / 2,
                with_cue: matched,
                cue_right: matched,
            },
            seconds: 1.4,
            combination: "the rules alone".into(),
        }
    }

    #[test]
    fn the_table_has_a_row_per_point_with_its_scores() {
        let table = to_markdown(&[point(0, 40), point(10, 60)]);
        let rows: Vec<&str> = table.lines().collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(
            rows[2],
            "| 0 | 0 | 0.500 | 0.400 | 0.444 | 0.500 | 1.000 | 1 s | the rules alone |"
        );
        assert!(rows[3].starts_with("| 10 | 100 | 0.750 | 0.600 | 0.667 |"));
    }

    #[test]
    fn the_plot_is_a_png_with_lines_drawn() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("curve.png");
        plot(&[point(0, 40), point(10, 60), point(40, 70)], "test", &path).unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut pixels).unwrap();
        assert_eq!((reader.info().width, reader.info().height), SIZE);
        let blue = pixels.chunks(3).filter(|p| p == &[0, 90, 180]).count();
        assert!(blue > 200, "the F1 line is drawn ({blue} pixels)");
    }
}
