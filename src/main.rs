//! The `marginalia` binary: parses the command line, then runs a command or opens the window.

use clap::Parser;
use marginalia::cli::Cli;
use marginalia::gui::MarginaliaApp;
use marginalia::gui::app::Host;
use marginalia::gui::host::file_dialog::DialogFailureLogger;
use std::process::ExitCode;

fn main() -> ExitCode {
    let started = std::time::Instant::now();
    let cli = Cli::parse();
    init_logging();
    if let Some(action) = cli.action {
        let code = marginalia::cli::run(action, &mut std::io::stdout(), &mut std::io::stderr());
        return ExitCode::from(code);
    }
    match open_window(cli.article, started) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            // The edge: nothing but the terminal is left to tell.
            #[allow(clippy::print_stderr)]
            {
                eprintln!("error: {error:#}");
            }
            ExitCode::from(2)
        }
    }
}

fn open_window(
    article: Option<std::path::PathBuf>,
    started: std::time::Instant,
) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Marginalia")
            .with_app_id("marginalia")
            .with_inner_size([1200.0, 800.0])
            .with_min_inner_size([480.0, 320.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    eframe::run_native(
        "Marginalia",
        options,
        Box::new(move |cc| {
            let reopen = article.is_none();
            // A web address is downloaded in the window, as File → Open Web Address… does.
            let address = article
                .as_ref()
                .and_then(|a| a.to_str())
                .filter(|a| marginalia::web::is_web_address(a))
                .map(str::to_owned);
            let article = article.filter(|_| address.is_none());
            let mut app = MarginaliaApp::new(cc, article, Host::native());
            if let Some(url) = address {
                app.push_command(marginalia::gui::command::Command::Download(url));
            }
            if reopen {
                // The article opened last, or the sample's copy.
                app.push_command(marginalia::gui::command::Command::ReopenLast);
            }
            app.log_first_frame_since(started);
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

fn init_logging() {
    // The PDF reader's warnings (an encrypted file, a font it guesses at) are said in our own
    // messages, or are noise to a user.
    let inner = env_logger::Builder::from_env(
        env_logger::Env::default().default_filter_or("warn,lopdf=error,pdf_extract=error"),
    )
    .build();
    let level = inner.filter().max(log::LevelFilter::Error);
    if log::set_boxed_logger(Box::new(DialogFailureLogger { inner })).is_ok() {
        log::set_max_level(level);
    }
}
