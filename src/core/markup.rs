//! The one piece of markup in the core's messages: code spans, written as in Markdown
//! (CommonMark): text between runs of backticks of the same length. The components render a span
//! as a `<code>` element holding text; everything else stays text. A value that has backticks of
//! its own is wrapped in a longer run, so the span always holds exactly the value.

/// `s` as a code span: in single backticks, or in a longer run (with a space inside each end) when
/// `s` has backticks of its own or starts or ends with a space. (An empty `s` gives a span holding
/// one space, an empty box on the page: Markdown has no empty span.)
pub fn code_span(s: &str) -> String {
    if s.is_empty() {
        return "` `".to_string();
    }
    let mut longest = 0usize;
    let mut run = 0usize;
    for b in s.bytes() {
        run = if b == b'`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let spaces_only = s.bytes().all(|b| b == b' ');
    let pad = if !spaces_only && (longest > 0 || s.starts_with(' ') || s.ends_with(' ')) {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// `s` cut into plain text and code spans, in order: `(true, code)` or `(false, text)`. A run of
/// backticks without a closing run of the same length is plain text.
pub fn segments(s: &str) -> Vec<(bool, &str)> {
    let bytes = s.as_bytes();
    // The length of the backtick run starting at `k`.
    let run_at = |k: usize| {
        bytes
            .get(k..)
            .map_or(0, |t| t.iter().take_while(|&&b| b == b'`').count())
    };
    let mut out = Vec::new();
    let mut plain_from = 0usize;
    let mut i = 0usize;
    while i < bytes.len() {
        if bytes.get(i) != Some(&b'`') {
            i += 1;
            continue;
        }
        let n = run_at(i);
        let open_end = i + n;
        // The next run of exactly `n` backticks closes the span.
        let mut j = open_end;
        let mut close = None;
        while j < bytes.len() {
            let m = run_at(j);
            if m == n {
                close = Some(j);
                break;
            }
            j += m.max(1);
        }
        let Some(close) = close else {
            i = open_end;
            continue;
        };
        if plain_from < i {
            out.push((false, s.get(plain_from..i).unwrap_or("")));
        }
        let inner = s.get(open_end..close).unwrap_or("");
        // One space inside each end is padding, unless the span is only spaces.
        let inner = match inner.strip_prefix(' ').and_then(|t| t.strip_suffix(' ')) {
            Some(t) if !inner.bytes().all(|b| b == b' ') => t,
            _ => inner,
        };
        out.push((true, inner));
        i = close + n;
        plain_from = i;
    }
    if plain_from < s.len() {
        out.push((false, s.get(plain_from..).unwrap_or("")));
    }
    out
}

/// `s` without the code-span delimiters, as a screen reader should hear it.
pub fn plain(s: &str) -> String {
    segments(s).into_iter().map(|(_, t)| t).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_text_alternate() {
        assert_eq!(
            segments("Use `curl.exe`, not `curl`."),
            vec![
                (false, "Use "),
                (true, "curl.exe"),
                (false, ", not "),
                (true, "curl"),
                (false, "."),
            ]
        );
        assert_eq!(plain("the `RS256` key"), "the RS256 key");
        assert_eq!(segments("no code"), vec![(false, "no code")]);
        assert!(segments("").is_empty());
    }

    #[test]
    fn an_unclosed_run_is_text() {
        assert_eq!(segments("a ` b"), vec![(false, "a ` b")]);
        assert_eq!(segments("```"), vec![(false, "```")]);
        // A run of another length does not close the span.
        assert_eq!(segments("``a`b``"), vec![(true, "a`b")]);
    }

    #[test]
    fn every_value_round_trips_through_a_span() {
        for v in [
            "plain",
            "a`b",
            "`",
            "``x",
            "ends with `",
            " lead",
            "trail ",
            " ",
            "a``b`c",
        ] {
            let wrapped = code_span(v);
            let text = format!("before {wrapped} after");
            let segs = segments(&text);
            assert_eq!(
                segs,
                vec![(false, "before "), (true, v), (false, " after")],
                "{v:?} as {wrapped:?}"
            );
        }
        assert_eq!(segments(&code_span("")), vec![(true, " ")]);
    }
}
