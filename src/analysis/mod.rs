//! What can be learnt from annotation sets: how far they agree, how to merge two of them, and
//! who said what, and counts for charts and reports. No egui.

pub mod agreement;
pub mod attribution;
pub mod curation;
pub mod curve;
pub mod people;
pub mod stats;
