//! Shortening text without cutting a character in half, and putting an article
//! before a noun.

/// The longest prefix of `text` no longer than `max_bytes` that ends on a character
/// boundary. `String::truncate` and byte slicing panic inside a multi-byte character;
/// every place that shortens text goes through here instead.
pub fn prefix(text: &str, max_bytes: usize) -> &str {
    if text.len() <= max_bytes {
        return text;
    }
    let mut end = max_bytes;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// `noun` with its indefinite article, for messages: "a framework", "an operation".
/// Goes by the first letter, which is right for every kind of entity and record.
pub fn with_article(noun: &str) -> String {
    let article = match noun.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u' | 'A' | 'E' | 'I' | 'O' | 'U') => "an",
        _ => "a",
    };
    format!("{article} {noun}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn articles_go_by_the_first_letter() {
        assert_eq!(with_article("operation"), "an operation");
        assert_eq!(with_article("framework"), "a framework");
        assert_eq!(with_article("source"), "a source");
    }

    #[test]
    fn never_splits_a_character() {
        // "ж" is two bytes: a cut at an odd byte falls inside one.
        let text = "жжжж";
        assert_eq!(prefix(text, 3), "ж");
        assert_eq!(prefix(text, 4), "жж");
        assert_eq!(prefix("Ωa", 1), "");
        assert_eq!(prefix("short", 80), "short");
        assert_eq!(prefix("🇺🇦x", 5), "🇺");
    }

    proptest! {
        #[test]
        fn is_the_longest_valid_prefix(text in any::<String>(), max in 0usize..64) {
            let cut = prefix(&text, max);
            prop_assert!(cut.len() <= max);
            prop_assert!(text.starts_with(cut));
            // One more character would go over the limit.
            if let Some(next) = text[cut.len()..].chars().next() {
                prop_assert!(cut.len() + next.len_utf8() > max);
            }
        }
    }
}
