//! Figures: counts, money, percentages and measures with value or min/max, qualifier
//! and unit. (Stub: replaced by the full recogniser.)

use super::Candidate;

/// Compiled figure patterns; build once, use from many threads.
pub struct FigureRecognizer {}

impl FigureRecognizer {
    pub fn new() -> Self {
        FigureRecognizer {}
    }

    /// Appends the figures of `text` to `out`.
    pub fn find(&self, text: &str, out: &mut Vec<Candidate>) {
        let _ = (text, out);
    }
}

impl Default for FigureRecognizer {
    fn default() -> Self {
        Self::new()
    }
}
