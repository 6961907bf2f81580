//! Which link and image addresses are safe to write into a page.

/// Is `url` safe as a link or image address: relative, or with a scheme a reader
/// expects (`http`, `https`, `mailto`, `tel`, `ftp`)? `javascript:`, `data:`,
/// `vbscript:` and other schemes are not.
pub fn is_safe_url(url: &str) -> bool {
    let Some((scheme, _)) = url.split_once(':') else {
        return true;
    };
    let is_scheme = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    // `a/b:c`, `#x:y`, `?q=a:b` are relative: the colon is not a scheme's.
    !is_scheme
        || ["http", "https", "mailto", "tel", "ftp"]
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed))
}
