//! Words for benchmark tickets: titles, descriptions and comments built from
//! sentence parts, so full-text search has a realistic mix of common and rare words.

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;

const THINGS: &[&str] = &[
    "printer",
    "laptop",
    "monitor",
    "badge reader",
    "VPN client",
    "Outlook",
    "shared drive",
    "Wi-Fi",
    "desk phone",
    "pager",
    "scanner",
    "docking station",
    "PACS viewer",
    "patient record",
    "label printer",
    "Teams",
    "headset",
    "keyboard",
    "network point",
    "smartcard",
    "tablet",
    "projector",
    "webcam",
    "password",
    "mailbox",
    "calendar",
];
const PLACES: &[&str] = &[
    "ward 4",
    "ward 7",
    "the nurses' station",
    "reception",
    "theatre 2",
    "the pharmacy counter",
    "radiology room B",
    "the night office",
    "the finance office",
    "meeting room Linden",
    "the staff room",
    "bay 12",
    "the ED triage desk",
    "outpatients",
    "the HR floor",
    "the loading dock",
    "the server room",
    "the canteen",
];
const PROBLEMS: &[&str] = &[
    "stopped working this morning",
    "keeps disconnecting",
    "is very slow",
    "shows an error on start-up",
    "asks for the password again and again",
    "cannot be found on the network",
    "freezes after a few minutes",
    "prints blank pages",
    "will not switch on",
    "shows the wrong time",
    "has a cracked screen",
    "lost its settings",
];
const ASKS: &[&str] = &[
    "Could someone take a look today?",
    "This blocks the morning handover.",
    "It worked fine yesterday.",
    "Several colleagues have the same problem.",
    "We restarted it twice already.",
    "Please call me on extension 4412.",
    "Not urgent, but it is annoying.",
    "Patients are waiting at the desk.",
    "I attached a photo of the message.",
];
const REPLIES: &[&str] = &[
    "Thanks, I am looking into it now.",
    "Could you tell me the asset tag on the device?",
    "I have reset the profile; please try again.",
    "A replacement is on its way.",
    "This is a known issue with the latest update; a fix is scheduled.",
    "Checked on site: the cable was loose.",
    "Escalated to the network team.",
    "Can we close this, or is it still happening?",
    "Works again now, thank you!",
    "Still the same problem after the restart.",
    "Waiting for the supplier to confirm delivery.",
    "Firmware updated to the current version.",
    "Logged with the vendor under reference 55-1204.",
];
/// Rare words (a handful of tickets each): what a search looks for.
const RARE: &[&str] = &["kestrel", "marigold", "zephyr", "quasar", "tamarind", "obsidian", "juniper", "saffron"];

/// A ticket title, about a catalog item when there is one.
pub fn title(rng: &mut StdRng, item: Option<&str>) -> String {
    let thing = THINGS.choose(rng).copied().unwrap_or("device");
    match item {
        Some(name) if rng.gen_bool(0.5) => format!("{name} for {}", PLACES.choose(rng).copied().unwrap_or("the ward")),
        Some(name) => format!("{name}: {thing} {}", PROBLEMS.choose(rng).copied().unwrap_or("is broken")),
        None => format!(
            "The {thing} in {} {}",
            PLACES.choose(rng).copied().unwrap_or("the office"),
            PROBLEMS.choose(rng).copied().unwrap_or("is broken")
        ),
    }
}

/// A description of two to four sentences.
pub fn description(rng: &mut StdRng) -> String {
    let mut out = String::with_capacity(240);
    for _ in 0..rng.gen_range(2..=4) {
        if !out.is_empty() {
            out.push(' ');
        }
        if rng.gen_bool(0.5) {
            let thing = THINGS.choose(rng).copied().unwrap_or("device");
            let place = PLACES.choose(rng).copied().unwrap_or("the office");
            let problem = PROBLEMS.choose(rng).copied().unwrap_or("is broken");
            out.push_str(&format!("The {thing} in {place} {problem}."));
        } else {
            out.push_str(ASKS.choose(rng).copied().unwrap_or("Thanks."));
        }
    }
    if rng.gen_ratio(1, 100) {
        out.push_str(&format!(" Reference {}.", RARE.choose(rng).copied().unwrap_or("kestrel")));
    }
    out
}

/// A comment body of one or two sentences.
pub fn comment(rng: &mut StdRng) -> String {
    let first = REPLIES.choose(rng).copied().unwrap_or("Thanks.");
    if rng.gen_bool(0.3) {
        format!("{first} {}", ASKS.choose(rng).copied().unwrap_or(""))
    } else {
        first.to_owned()
    }
}
