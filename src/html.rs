//! Escaping for text placed in HTML or XML, by code that writes markup itself
//! rather than through the templates' autoescaping.

/// HTML-escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// [`escape`], appended to `out`. The characters to escape are ASCII, so the text
/// is read byte by byte and copied in runs between them.
pub fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (index, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[copied..index]);
        out.push_str(entity);
        copied = index + 1;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn escaping_into_appends_and_keeps_other_text_whole() {
        let mut out = String::from("<p>");
        escape_into(&mut out, "Türkiye & “NATO” <2004>");
        escape_into(&mut out, "");
        escape_into(&mut out, "plain");
        assert_eq!(out, "<p>Türkiye &amp; “NATO” &lt;2004&gt;plain");
    }

    proptest::proptest! {
        /// The same as escaping character by character.
        #[test]
        fn escapes_as_character_by_character(text in "\\PC*") {
            let mut expected = String::new();
            for c in text.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '"' => expected.push_str("&quot;"),
                    '\'' => expected.push_str("&#39;"),
                    _ => expected.push(c),
                }
            }
            proptest::prop_assert_eq!(escape(&text), expected);
        }
    }
}
