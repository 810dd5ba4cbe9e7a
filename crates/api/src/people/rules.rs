//! Rules for people and structure: names, e-mail addresses, locales, time zones, and
//! the acyclic unit tree. Pure functions; messages are for people.

use std::collections::HashMap;

use uuid::Uuid;

/// A trimmed, non-empty name of at most 200 characters (`what` names it in messages:
/// "Name", "Organisation name").
pub fn clean_name(what: &str, name: &str) -> Result<String, String> {
    let n = name.trim();
    match n.chars().count() {
        0 => Err(format!("{what} is required")),
        c if c > 200 => Err(format!("{what} must be at most 200 characters")),
        _ => Ok(n.to_owned()),
    }
}

/// A trimmed, lower-cased e-mail address of at most 254 characters (RFC 5321
/// §4.5.3.1.3) in the shape `shared_types::rules::email_shape` checks, the rule the
/// request types declare. Deliverability is proved by the invitation e-mail, not here.
pub fn clean_email(email: &str) -> Result<String, String> {
    let e = email.trim().to_lowercase();
    match shared_types::rules::email_shape(&e) {
        Ok(()) if e.len() <= 254 => Ok(e),
        _ => Err("Enter an e-mail address such as name@example.org".to_owned()),
    }
}

/// A language tag in the shape of BCP 47 (RFC 5646 §2.1, simplified): a 2–3 letter
/// language, then subtags of 1–8 letters or digits, separated by `-`.
pub fn check_locale(tag: &str) -> Result<String, String> {
    let mut parts = tag.split('-');
    let lang_ok =
        parts.next().is_some_and(|l| (2..=3).contains(&l.len()) && l.chars().all(|c| c.is_ascii_alphabetic()));
    let rest_ok = parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (lang_ok && rest_ok && tag.len() <= 35)
        .then(|| tag.to_owned())
        .ok_or_else(|| "Use a language tag such as en, de or fr-CH".to_owned())
}

/// An IANA time zone name known to the tz database (`Europe/Berlin`, `UTC`).
pub fn check_time_zone(zone: &str) -> Result<String, String> {
    zone.parse::<chrono_tz::Tz>()
        .map(|tz| tz.name().to_owned())
        .map_err(|_| "Use a time zone such as Europe/Berlin or UTC".to_owned())
}

/// Would making `parent` the parent of `unit` close a cycle in the tree given as
/// `child → parent`? True when `parent` is `unit` itself or one of its descendants.
pub fn would_cycle(parents: &HashMap<Uuid, Option<Uuid>>, unit: Uuid, parent: Uuid) -> bool {
    let mut at = Some(parent);
    let mut steps = 0;
    while let Some(u) = at {
        if u == unit || steps > parents.len() {
            return true;
        }
        at = parents.get(&u).copied().flatten();
        steps += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(clean_email("  Ana@Example.ORG "), Ok("ana@example.org".into()));
        for bad in ["", "ana", "ana@", "@example.org", "ana@example", "a b@example.org", "a@b@c.org", "a@.org"] {
            assert!(clean_email(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_locales_and_zones() {
        assert_eq!(clean_name("Name", "  Ana  "), Ok("Ana".into()));
        assert_eq!(clean_name("Name", " "), Err("Name is required".into()));
        assert!(check_locale("de-CH").is_ok() && check_locale("en").is_ok());
        assert!(check_locale("english").is_err() && check_locale("d").is_err() && check_locale("en_GB").is_err());
        assert_eq!(check_time_zone("Europe/Berlin"), Ok("Europe/Berlin".into()));
        assert!(check_time_zone("Mars/Olympus").is_err());
    }

    #[test]
    fn cycles_are_found_through_descendants() {
        let (a, b, c, d) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        // a ← b ← c ; d alone
        let tree = HashMap::from([(a, None), (b, Some(a)), (c, Some(b)), (d, None)]);
        assert!(would_cycle(&tree, a, c), "a under its grandchild");
        assert!(would_cycle(&tree, b, b), "itself");
        assert!(!would_cycle(&tree, c, a), "moving down is fine");
        assert!(!would_cycle(&tree, a, d));
    }
}
