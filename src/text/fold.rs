//! Letters without their accents, so that a name written "Inês Valcárcel" in one
//! outlet and "Ines Valcarcel" in another is recognised as one name.

/// Groups of accented Latin letters and the plain letter each stands for.
const GROUPS: [(&str, char); 15] = [
    ("àáâãäåāăą", 'a'),
    ("çćĉċč", 'c'),
    ("ďđ", 'd'),
    ("èéêëēĕėęě", 'e'),
    ("ĝğġģ", 'g'),
    ("ìíîïĩīĭįı", 'i'),
    ("ĺļľŀł", 'l'),
    ("ñńņňŉ", 'n'),
    ("òóôõöøōŏő", 'o'),
    ("ŕŗř", 'r'),
    ("śŝşšș", 's'),
    ("ţťŧț", 't'),
    ("ùúûüũūŭůűų", 'u'),
    ("ýÿŷ", 'y'),
    ("źżž", 'z'),
];

/// The plain letter for an accented lower-case Latin letter, else the letter itself.
fn plain(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    GROUPS
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map_or(c, |(_, base)| *base)
}

/// Lower-cases a text and drops the accents of Latin letters.
#[must_use]
pub fn fold_lower(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(plain)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold_lower;

    #[test]
    fn accents_and_case_fold_away() {
        assert_eq!(fold_lower("Inês Valcárcel"), "ines valcarcel");
        assert_eq!(fold_lower("Łódź Żurek"), "lodz zurek");
        assert_eq!(fold_lower("Ribeirão"), "ribeirao");
        // Other scripts are left as they are.
        assert_eq!(fold_lower("Σοφία"), "σοφία");
    }
}
