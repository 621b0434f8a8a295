//! What files from other tools held that Marginalia has no place for, carried in the sidecar
//! beside the annotations (never inside the model's set), so that exporting to those tools
//! gives it back.

/// Lines of other tools' files, as they were imported.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// brat standoff lines: events, attributes, normalisations and relations that are not
    /// speakers or claimants (doccano's other relations are kept this way too).
    pub brat: Vec<String>,
}

impl Extras {
    /// True when nothing is carried.
    pub fn is_empty(&self) -> bool {
        self.brat.is_empty()
    }
}
