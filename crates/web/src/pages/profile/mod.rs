//! `/profile`: the signed-in person's own account: details, password, sessions and
//! API keys.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Profile, UpdateProfileRequest};

mod api_keys;
mod new_api_key;
mod password;
mod sessions;

use crate::auth::{role_label, Session};
use crate::components::{resource_view, Notice, Tone};
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FormError, TextField};

/// A line of feedback shared by the sections of the page.
pub(crate) type NoticeSignal = RwSignal<Option<(Tone, String)>>;

/// Suggested IANA time zones (anything valid may be typed).
const TIME_ZONES: [&str; 12] = [
    "UTC",
    "Europe/London",
    "Europe/Berlin",
    "Europe/Paris",
    "Europe/Zurich",
    "Europe/Madrid",
    "America/New_York",
    "America/Chicago",
    "America/Los_Angeles",
    "Asia/Singapore",
    "Asia/Tokyo",
    "Australia/Sydney",
];

/// Suggested BCP 47 locales.
const LOCALES: [&str; 6] = ["en", "en-GB", "en-US", "de", "de-CH", "fr"];

/// The profile page, one card per section.
#[component]
pub fn ProfilePage() -> impl IntoView {
    let profile = LocalResource::new(endpoints::profile);
    let notice: NoticeSignal = RwSignal::new(None);
    let sessions_changed = RwSignal::new(0_u32);
    view! {
        <header class="page-head">
            <h1>"Your profile"</h1>
            <p class="lead">"Your details, password, where you are signed in and your API keys."</p>
        </header>
        <Notice message=notice />
        <div class="profile-grid">
            {resource_view(profile, move |p| view! { <Details profile=p notice /> })}
            <password::ChangePassword notice sessions_changed />
            <sessions::Sessions notice sessions_changed />
            <api_keys::ApiKeys notice />
        </div>
    }
}

/// Name, locale and time zone; e-mail, role and unit are shown, admins change them.
#[component]
fn Details(profile: Profile, notice: NoticeSignal) -> impl IntoView {
    let session = Session::get();
    let name = RwSignal::new(profile.name.clone());
    let locale = RwSignal::new(profile.locale.clone());
    let time_zone = RwSignal::new(profile.time_zone.clone());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = UpdateProfileRequest {
            name: Some(name.get_untracked().trim().to_owned()),
            locale: Some(locale.get_untracked().trim().to_owned()),
            time_zone: Some(time_zone.get_untracked().trim().to_owned()),
        };
        let mut found = FieldErrors::new();
        require(&mut found, "name", request.name.as_deref().unwrap_or_default(), "Enter your name");
        require(&mut found, "locale", request.locale.as_deref().unwrap_or_default(), "Enter a language, e.g. en-GB");
        require(
            &mut found,
            "timeZone",
            request.time_zone.as_deref().unwrap_or_default(),
            "Enter a time zone, e.g. Europe/London",
        );
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match endpoints::update_profile(request).await {
                Ok(saved) => {
                    session.rename(saved.name);
                    notice.set(Some((Tone::Success, "Your details were saved.".into())));
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
            busy.set(false);
        });
    };

    let zones = TIME_ZONES.map(|z| view! { <option value=z></option> }).collect_view();
    let locales = LOCALES.map(|l| view! { <option value=l></option> }).collect_view();
    view! {
        <section class="card" aria-labelledby="profile-details-title">
            <h2 id="profile-details-title">"Details"</h2>
            <dl class="kv profile-facts">
                <dt>"E-mail"</dt><dd>{profile.email.clone()}</dd>
                <dt>"Role"</dt><dd>{role_label(profile.role)}</dd>
                <dt>"Unit"</dt><dd>{profile.unit_name.clone().unwrap_or_else(|| "—".into())}</dd>
                <dt>"Organisation"</dt><dd>{profile.organisation_name.clone()}</dd>
            </dl>
            <form on:submit=on_submit novalidate>
                <TextField id="profile-name" label="Name" value=name errors path="name" autocomplete="name" required=true />
                <TextField id="profile-locale" label="Language" value=locale errors path="locale" list="profile-locales"
                    help="A language tag such as en-GB or de-CH." />
                <TextField id="profile-tz" label="Time zone" value=time_zone errors path="timeZone" list="profile-zones"
                    help="Such as Europe/London or America/New_York." />
                <datalist id="profile-zones">{zones}</datalist>
                <datalist id="profile-locales">{locales}</datalist>
                <FormError message=failure />
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Save details"</button>
            </form>
        </section>
    }
}
