//! base64url without padding (RFC 4648 §5, as JWTs use it, RFC 7515 §2), written by hand so that
//! every error says which character is wrong and where.

/// Why a part could not be decoded. Character numbers are 1-based and count characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum B64Error {
    /// A character outside the base64url alphabet (`+`, `/`, `=`, a space, an invisible one…).
    Char { number: usize, ch: char },
    /// A length that no base64url text can have (4n + 1 characters): one is missing or extra.
    Length { chars: usize },
}

fn value(c: char) -> Option<u32> {
    Some(match c {
        'A'..='Z' => c as u32 - 'A' as u32,
        'a'..='z' => c as u32 - 'a' as u32 + 26,
        '0'..='9' => c as u32 - '0' as u32 + 52,
        '-' => 62,
        '_' => 63,
        _ => return None,
    })
}

/// Decodes base64url without padding. Trailing bits that do not fill a byte are ignored, as most
/// JWT libraries do.
pub(crate) fn decode(s: &str) -> Result<Vec<u8>, B64Error> {
    let mut out = Vec::with_capacity(s.len() / 4 * 3 + 3);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    let mut count = 0usize;
    for (i, c) in s.chars().enumerate() {
        let v = value(c).ok_or(B64Error::Char {
            number: i + 1,
            ch: c,
        })?;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
        count += 1;
    }
    if count % 4 == 1 {
        return Err(B64Error::Length { chars: count });
    }
    Ok(out)
}

/// Encodes bytes as base64url without padding (for the unit tests).
#[cfg(test)]
pub(crate) fn encode(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len() / 3 * 4 + 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let emit = chunk.len() + 1;
        for k in 0..emit {
            let idx = (n >> (18 - 6 * k)) & 63;
            if let Some(&ch) = ALPHABET.get(idx as usize) {
                out.push(ch as char);
            }
        }
    }
    out
}

/// A sentence about the error, naming the part ("the payload") and the character.
pub(crate) fn explain(part: &str, err: &B64Error) -> String {
    match err {
        B64Error::Char { number, ch } if *ch == '+' || *ch == '/' => format!(
                        "character {} of {} is `{}`, which base64url does not use: that is the standard base64 alphabet, where JWTs write `-` and `_` instead",
            number, part, ch
        ),
        B64Error::Char { number, ch: '=' } => format!(
            "character {} of {} is `=`, padding that JWTs leave out (RFC 7515 §2)",
            number, part
        ),
        B64Error::Char { number, ch } => format!(
            "character {} of {} is {}, which base64url does not use",
            number,
            part,
            super::text::describe_char(*ch)
        ),
        B64Error::Length { chars } => format!(
                        "{} has {} characters, a length no base64url text can have, so a character is missing or extra (was the token cut or edited?)",
            part, chars
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for len in 0..40u8 {
            let bytes: Vec<u8> = (0..len)
                .map(|b| b.wrapping_mul(37).wrapping_add(200))
                .collect();
            assert_eq!(decode(&encode(&bytes)), Ok(bytes));
        }
        assert_eq!(encode(b"{\"alg\":\"RS256\"}"), "eyJhbGciOiJSUzI1NiJ9");
    }

    #[test]
    fn located_errors() {
        assert_eq!(decode("ab+d"), Err(B64Error::Char { number: 3, ch: '+' }));
        assert_eq!(decode("abcde"), Err(B64Error::Length { chars: 5 }));
        assert_eq!(
            decode("ab\u{200B}c"),
            Err(B64Error::Char {
                number: 3,
                ch: '\u{200B}'
            })
        );
        let e = explain(
            "the payload",
            &B64Error::Char {
                number: 57,
                ch: '+',
            },
        );
        assert!(e.starts_with("character 57 of the payload is `+`, which base64url does not use"));
    }
}
