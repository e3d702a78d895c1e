//! Text primitives shared by loading, analysis and display: terminal safety and offsets.

mod date;
mod fold;
mod offsets;
mod sanitize;

pub use date::{month_number, weekday_number, Date};
pub use fold::fold_lower;
pub use offsets::CharIndex;
pub use sanitize::{sanitize, sanitize_line, SanitizeReport};
