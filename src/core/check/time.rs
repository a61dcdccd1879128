//! Times for people: Unix seconds as a UTC date and time, and spans like "23 h" or "5 min ago".
//! No clock is read here: "now" is always passed in.

/// Seconds as `2026-11-29 10:33:09 UTC` (proleptic Gregorian calendar, any year).
pub(crate) fn utc(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
        y,
        m,
        d,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Days since 1970-01-01 → (year, month, day). Howard Hinnant's algorithm; exact for every `i64`
/// day count that the callers can produce (times are limited to ±10^15 s).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe.saturating_add(era.saturating_mul(400));
    (if m <= 2 { y.saturating_add(1) } else { y }, m, d)
}

/// A duration in the largest unit that keeps it readable: "45 s", "12 min", "23 h", "3 days",
/// "2 years". Rounded down.
pub(crate) fn span(secs: i64) -> String {
    let s = secs.unsigned_abs();
    if s < 120 {
        format!("{} s", s)
    } else if s < 120 * 60 {
        format!("{} min", s / 60)
    } else if s < 48 * 3600 {
        format!("{} h", s / 3600)
    } else if s < 730 * 86_400 {
        format!("{} days", s / 86_400)
    } else {
        format!("{} years", s / (365 * 86_400 + 86_400 / 4))
    }
}

/// "in 23 h" or "5 min ago", from `now`.
pub(crate) fn relative(ts: i64, now: i64) -> String {
    let d = ts.saturating_sub(now);
    if d == 0 {
        "right now".to_string()
    } else if d > 0 {
        format!("in {}", span(d))
    } else {
        format!("{} ago", span(d))
    }
}

/// A JSON number as whole Unix seconds. RFC 7519 NumericDate may have a fraction (dropped here);
/// values beyond ±10^15 s (some 30 million years) are not times anyone means.
pub(crate) fn seconds(v: &serde_json::Value) -> Option<i64> {
    const LIMIT: i64 = 1_000_000_000_000_000;
    let n = if let Some(i) = v.as_i64() {
        i
    } else {
        let f = v.as_f64()?;
        if !f.is_finite() || f.abs() > LIMIT as f64 {
            return None;
        }
        f.floor() as i64
    };
    if n.abs() > LIMIT {
        None
    } else {
        Some(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_dates() {
        assert_eq!(utc(0), "1970-01-01 00:00:00 UTC");
        assert_eq!(utc(1_795_948_389), "2026-11-29 10:33:09 UTC");
        assert_eq!(utc(951_782_400), "2000-02-29 00:00:00 UTC");
        assert_eq!(utc(-1), "1969-12-31 23:59:59 UTC");
        // Extremes do not panic.
        let _ = utc(i64::MAX);
        let _ = utc(i64::MIN);
    }

    #[test]
    fn spans() {
        assert_eq!(span(45), "45 s");
        assert_eq!(span(86_399), "23 h");
        assert_eq!(relative(100, 200), "100 s ago");
        assert_eq!(relative(0, 600), "10 min ago");
        assert_eq!(relative(200 + 86_400 * 3, 200), "in 3 days");
        assert!(span(i64::MIN).ends_with(" years"));
    }
}
