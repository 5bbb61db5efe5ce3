//! Web addresses from outside (article urls, review pages): only absolute
//! `http(s)` URLs are accepted, and only as they would be written in HTML,
//! so that none can run script (`javascript:`), point at a local file, or
//! break out of an attribute or RDF term (`<`, `>`, `"`, spaces).

/// Why `s` is not an absolute http(s) URL, as a phrase to follow the URL
/// itself ("… is not an absolute URL"); `Ok` if it is one.
pub fn check_http_url(s: &str) -> Result<(), String> {
    if let Some(c) = s.chars().find(|&c| c.is_whitespace() || c.is_control()) {
        return Err(format!(
            "contains {} (percent-encode it)",
            match c {
                ' ' => "a space".to_owned(),
                c => format!("the character U+{:04X}", c as u32),
            }
        ));
    }
    if let Some(c) = s
        .chars()
        .find(|c| matches!(c, '<' | '>' | '"' | '`' | '{' | '}' | '|' | '\\' | '^'))
    {
        return Err(format!("contains a raw `{c}` (percent-encode it)"));
    }
    match url::Url::parse(s) {
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            Err("is not an absolute URL (expected https://host/…)".to_owned())
        }
        Err(e) => Err(format!("is not a valid URL: {e}")),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Err(format!(
            "has the scheme \"{}:\"; only http and https links are accepted",
            u.scheme()
        )),
        Ok(u) if u.host_str().is_none_or(str::is_empty) => {
            Err("has no host (expected https://host/…)".to_owned())
        }
        Ok(_) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_absolute_http_urls_pass() {
        for ok in [
            "https://example.org/a?x=1&y=2",
            "http://example.org",
            "https://例え.jp/%20",
        ] {
            assert_eq!(check_http_url(ok), Ok(()), "{ok}");
        }
        for (bad, why) in [
            ("javascript:alert(1)", "scheme \"javascript:\""),
            ("not a url", "a space"),
            ("example.org/a", "not an absolute URL"),
            ("https://example.org/<script>", "raw `<`"),
            ("https://example.org/\"x", "raw `\"`"),
            ("file:///etc/passwd", "scheme \"file:\""),
            ("https://", "not a valid URL"),
        ] {
            let err = check_http_url(bad).expect_err(bad);
            assert!(err.contains(why), "{bad}: {err}");
        }
    }
}
