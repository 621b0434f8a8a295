//! Marginalia (architecture doc comes with the app).
pub mod model;
pub mod sidecar;
