//! What the window takes from the machine it runs on: the file dialogs, the fonts and the
//! signals that end the process.

pub mod file_dialog;
pub mod fonts;
pub mod signals;
