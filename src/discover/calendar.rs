//! iCalendar (RFC 5545): a calendar of every event and one file per event.
//!
//! An event with a `timezone` is written in that zone's local time with a `TZID`, and the file
//! carries a `VTIMEZONE` whose observances (computed with chrono-tz) cover the event, so a
//! calendar shows it in the organisers' zone and converts it correctly to the reader's. An event
//! without a zone is written in UTC (`…Z`), which every client reads the same way.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Datelike, Duration, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

use super::{instant, modified, stable_id};
use crate::content::{Page, PageId};
use crate::site::Site;

/// The file name of each event's own calendar, beside its page.
pub const EVENT_FILE: &str = "event.ics";

/// Whether a page goes in calendars: it has a start time and is published.
pub fn is_event(page: &Page) -> bool {
    page.fm.starts.is_some() && !page.fm.draft
}

/// Every event of the site, soonest first.
pub fn events(site: &Site) -> Vec<PageId> {
    let mut ids: Vec<PageId> = (0..site.pages.len())
        .filter(|&i| is_event(&site.pages[i]))
        .collect();
    ids.sort_by_key(|&i| (site.pages[i].fm.starts, site.pages[i].url.clone()));
    ids
}

/// Root-relative URL of the folder of the calendar of all events: the event type's section.
pub fn calendar_dir(site: &Site) -> String {
    match site.config.types.get("event") {
        Some(t) if !t.section.is_empty() => {
            site.url(&format!("{}/", crate::site::url_segment(&t.section)))
        }
        _ => site.base_path.clone(),
    }
}

/// Escapes TEXT values (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines; other
/// control characters are not allowed and are dropped.
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1), never inside
/// a UTF-8 character; ends it with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
}

fn utc_stamp(time: DateTime<Utc>) -> String {
    time.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(time: NaiveDateTime) -> String {
    time.format("%Y%m%dT%H%M%S").to_string()
}

/// `+0300`, or `+053045` when the offset has seconds.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    if s % 60 == 0 {
        format!("{sign}{:02}{:02}", s / 3600, s / 60 % 60)
    } else {
        format!("{sign}{:02}{:02}{:02}", s / 3600, s / 60 % 60, s % 60)
    }
}

/// One STANDARD or DAYLIGHT sub-component of a VTIMEZONE.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Observance {
    /// The onset as local time before it (in `from`), as RFC 5545 writes it.
    onset: NaiveDateTime,
    from: i32,
    to: i32,
    daylight: bool,
    name: String,
}

/// How far back to look for the clock change that starts the period an instant is in; every
/// zone with daylight saving time changes its clocks at least once a year.
const LOOKBACK_DAYS: i64 = 400;

/// The observance in force at `time`: from the last clock change before it or, when there was
/// none in [`LOOKBACK_DAYS`], from the first of January of the year where the search stopped.
fn observance_at(tz: Tz, time: DateTime<Utc>) -> Observance {
    let offset = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let now = offset(time);
    let to = now.fix().local_minus_utc();
    let daylight = !now.dst_offset().is_zero();
    let name = now.abbreviation().to_string();
    let mut later = time;
    for _ in 0..LOOKBACK_DAYS {
        let earlier = later - Duration::days(1);
        let before = offset(earlier).fix().local_minus_utc();
        if before != to {
            // offset(lo) is the old one, offset(hi) the new one: narrow to the second.
            let (mut lo, mut hi) = (earlier, later);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset(mid).fix().local_minus_utc() == to {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            let from = offset(lo).fix().local_minus_utc();
            return Observance {
                onset: hi.naive_utc() + Duration::seconds(i64::from(from)),
                from,
                to,
                daylight,
                name,
            };
        }
        later = earlier;
    }
    let local = later.naive_utc() + Duration::seconds(i64::from(to));
    let new_year = local
        .date()
        .with_ordinal(1)
        .unwrap_or(local.date())
        .and_hms_opt(0, 0, 0)
        .unwrap_or(local);
    Observance {
        onset: new_year,
        from: to,
        to,
        daylight,
        name,
    }
}

/// A VTIMEZONE for `tz` covering every instant given.
fn vtimezone(tz: Tz, instants: &BTreeSet<DateTime<Utc>>, out: &mut String) {
    let observances: BTreeSet<Observance> =
        instants.iter().map(|&t| observance_at(tz, t)).collect();
    fold("BEGIN:VTIMEZONE", out);
    fold(&format!("TZID:{}", tz.name()), out);
    for o in observances {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        fold(&format!("BEGIN:{kind}"), out);
        fold(&format!("DTSTART:{}", local_stamp(o.onset)), out);
        fold(&format!("TZOFFSETFROM:{}", offset_text(o.from)), out);
        fold(&format!("TZOFFSETTO:{}", offset_text(o.to)), out);
        fold(&format!("TZNAME:{}", escape_text(&o.name)), out);
        fold(&format!("END:{kind}"), out);
    }
    fold("END:VTIMEZONE", out);
}

/// The zone an event is written in, when it has a valid one.
fn zone(page: &Page) -> Option<Tz> {
    page.fm.timezone.as_deref().and_then(|z| z.parse().ok())
}

/// `DTSTART;TZID=Area/City:20270218T140000`, or `DTSTART:20270218T110000Z`.
fn time_property(name: &str, time: DateTime<chrono::FixedOffset>, tz: Option<Tz>) -> String {
    match tz {
        Some(tz) => format!(
            "{name};TZID={}:{}",
            tz.name(),
            local_stamp(time.with_timezone(&tz).naive_local())
        ),
        None => format!("{name}:{}", utc_stamp(time.with_timezone(&Utc))),
    }
}

/// An iCalendar file of the given events.
pub fn ics(site: &Site, ids: &[PageId]) -> String {
    let mut out = String::new();
    let name = match ids {
        [one] => site.pages[*one].fm.title.clone(),
        _ => format!("Events · {}", site.config.title),
    };
    fold("BEGIN:VCALENDAR", &mut out);
    fold("VERSION:2.0", &mut out);
    fold(
        &format!("PRODID:-//Praxis//Praxis {}//EN", env!("CARGO_PKG_VERSION")),
        &mut out,
    );
    fold("CALSCALE:GREGORIAN", &mut out);
    fold("METHOD:PUBLISH", &mut out);
    fold(&format!("NAME:{}", escape_text(&name)), &mut out);
    fold(&format!("X-WR-CALNAME:{}", escape_text(&name)), &mut out);

    let mut zones: BTreeMap<&str, (Tz, BTreeSet<DateTime<Utc>>)> = BTreeMap::new();
    for &id in ids {
        let page = &site.pages[id];
        if let Some(tz) = zone(page) {
            let entry = zones.entry(tz.name()).or_insert((tz, BTreeSet::new()));
            for time in [page.fm.starts, page.fm.ends].into_iter().flatten() {
                entry.1.insert(time.with_timezone(&Utc));
            }
        }
    }
    for (tz, instants) in zones.values() {
        vtimezone(*tz, instants, &mut out);
    }
    for &id in ids {
        vevent(site, &site.pages[id], &mut out);
    }
    fold("END:VCALENDAR", &mut out);
    out
}

fn vevent(site: &Site, page: &Page, out: &mut String) {
    let Some(starts) = page.fm.starts else {
        return;
    };
    let tz = zone(page);
    let permalink = site.permalink(&page.url);
    fold("BEGIN:VEVENT", out);
    fold(&format!("UID:{}", stable_id(site, &page.url)), out);
    // DTSTAMP is when the event's information last changed, which keeps builds reproducible.
    let stamp = modified(page).map_or(starts.with_timezone(&Utc), instant);
    fold(&format!("DTSTAMP:{}", utc_stamp(stamp)), out);
    fold(&time_property("DTSTART", starts, tz), out);
    if let Some(ends) = page.fm.ends {
        fold(&time_property("DTEND", ends, tz), out);
    }
    fold(&format!("SUMMARY:{}", escape_text(&page.fm.title)), out);
    let mut description = page.summary.clone();
    let online_url = page
        .fm
        .online
        .as_ref()
        .and_then(serde_json::Value::as_str)
        .filter(|u| crate::markdown::is_safe_scheme(u));
    if let Some(url) = online_url {
        description.push_str(&format!("\n\nJoin online: {url}"));
    }
    description.push_str(&format!("\n\nDetails: {permalink}"));
    fold(
        &format!("DESCRIPTION:{}", escape_text(description.trim_start())),
        out,
    );
    if let Some(location) = &page.fm.location {
        fold(&format!("LOCATION:{}", escape_text(location)), out);
    }
    if permalink.contains("://") {
        fold(&format!("URL:{permalink}"), out);
    }
    if let Some(updated) = &page.fm.updated {
        fold(
            &format!("LAST-MODIFIED:{}", utc_stamp(instant(updated))),
            out,
        );
    }
    fold("END:VEVENT", out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape_text("a, b; c\\d\nnext\r"), "a\\, b\\; c\\\\d\\nnext");
    }

    #[test]
    fn long_lines_fold_at_75_octets_between_characters() {
        let mut out = String::new();
        let line = format!("SUMMARY:{}", "é".repeat(60));
        fold(&line, &mut out);
        for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets", physical.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn offsets_are_written_as_rfc_5545_utc_offsets() {
        assert_eq!(offset_text(3 * 3600), "+0300");
        assert_eq!(offset_text(-(5 * 3600 + 30 * 60)), "-0530");
        assert_eq!(offset_text(0), "+0000");
        assert_eq!(offset_text(3600 + 15), "+010015");
    }

    #[test]
    fn observances_start_at_the_last_clock_change() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let summer = Utc.with_ymd_and_hms(2030, 7, 1, 12, 0, 0).unwrap();
        let o = observance_at(berlin, summer);
        assert!(o.daylight);
        assert_eq!((o.from, o.to), (3600, 7200));
        // Clocks go forward at 02:00 local standard time on the last Sunday of March.
        assert_eq!(local_stamp(o.onset), "20300331T020000");
        assert_eq!(o.name, "CEST");

        let nairobi: Tz = "Africa/Nairobi".parse().unwrap();
        let o = observance_at(nairobi, summer);
        assert_eq!((o.from, o.to, o.daylight), (10800, 10800, false));
        assert_eq!(local_stamp(o.onset), "20290101T000000");
    }
}
