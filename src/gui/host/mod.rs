//! What the window takes from the machine it runs on: the file dialogs and the fonts.

pub mod file_dialog;
pub mod fonts;
