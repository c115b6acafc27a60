//! Durations as contributors write them ("75 min") in ISO 8601, for structured data.

/// "75 min", "1 h 30 min", "2 hours" → ISO 8601 `PT75M`, `PT1H30M`, `PT2H`.
pub fn iso_duration(text: &str) -> Option<String> {
    let mut minutes = 0.0;
    let mut number: Option<f64> = None;
    let mut found = false;
    let lower = text.to_lowercase();
    let mut rest = lower.as_str();
    while !rest.is_empty() {
        rest = rest.trim_start();
        let digits = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if digits > 0 {
            number = Some(rest[..digits].parse().ok()?);
            rest = &rest[digits..];
            continue;
        }
        let word = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        if word == 0 {
            rest = &rest[rest.chars().next().map_or(1, char::len_utf8)..];
            continue;
        }
        let factor = match &rest[..word] {
            "h" | "hr" | "hrs" | "hour" | "hours" => 60.0,
            "m" | "min" | "mins" | "minute" | "minutes" => 1.0,
            _ => return None,
        };
        minutes += number.take()? * factor;
        found = true;
        rest = &rest[word..];
    }
    if !found || number.is_some() || minutes <= 0.0 {
        return None;
    }
    let total = minutes.round() as u64;
    Some(match (total / 60, total % 60) {
        (0, m) => format!("PT{m}M"),
        (h, 0) => format!("PT{h}H"),
        (h, m) => format!("PT{h}H{m}M"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_become_iso_8601() {
        assert_eq!(iso_duration("75 min").as_deref(), Some("PT1H15M"));
        assert_eq!(iso_duration("45 min").as_deref(), Some("PT45M"));
        assert_eq!(iso_duration("1 h 30 min").as_deref(), Some("PT1H30M"));
        assert_eq!(iso_duration("2 hours").as_deref(), Some("PT2H"));
        assert_eq!(iso_duration("1.5 hours").as_deref(), Some("PT1H30M"));
        assert_eq!(iso_duration("about an hour"), None);
        assert_eq!(iso_duration("90"), None);
    }
}
