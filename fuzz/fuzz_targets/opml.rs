//! OPML lists: any bytes are read or refused; what is read is written and read back.

#![no_main]

use gloss::corpus::{parse_opml, write_opml};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(feeds) = parse_opml(data) else {
        return;
    };
    let again =
        parse_opml(write_opml("fuzz", &feeds).as_bytes()).expect("gloss reads its own OPML");
    assert_eq!(again, feeds);
});
