//! Text primitives shared by loading, analysis and display: terminal safety and offsets.

mod date;
mod offsets;
mod sanitize;

pub use date::{month_number, Date};
pub use offsets::CharIndex;
pub use sanitize::{sanitize, sanitize_line, SanitizeReport};
