//! Where the person is signed in, with "Sign out" for each other session.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::Session;
use uuid::Uuid;

use super::NoticeSignal;
use crate::components::{resource_view, Tone};
use crate::endpoints;
use crate::format;

/// "Firefox on Windows" from a `User-Agent` header; "Unknown device" when absent.
pub fn device_label(user_agent: Option<&str>) -> String {
    let Some(ua) = user_agent.filter(|u| !u.trim().is_empty()) else {
        return "Unknown device".into();
    };
    let browser = [("Edg/", "Edge"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"), ("Safari/", "Safari")]
        .into_iter()
        .find(|(mark, _)| ua.contains(mark))
        .map(|(_, name)| name);
    let system = [
        ("Android", "Android"),
        ("iPhone", "iOS"),
        ("iPad", "iPadOS"),
        ("Windows", "Windows"),
        ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ]
    .into_iter()
    .find(|(mark, _)| ua.contains(mark))
    .map(|(_, name)| name);
    match (browser, system) {
        (Some(b), Some(s)) => format!("{b} on {s}"),
        (Some(b), None) => b.into(),
        (None, Some(s)) => s.into(),
        (None, None) => ua.chars().take(60).collect(),
    }
}

/// The sessions table; reloads when `sessions_changed` ticks.
#[component]
pub fn Sessions(notice: NoticeSignal, sessions_changed: RwSignal<u32>) -> impl IntoView {
    let sessions = LocalResource::new(move || {
        sessions_changed.track();
        endpoints::sessions()
    });
    let busy = RwSignal::new(None::<Uuid>);
    let sign_out = move |id: Uuid, device: String| {
        busy.set(Some(id));
        spawn_local(async move {
            match endpoints::revoke_session(id).await {
                Ok(()) => notice.set(Some((Tone::Success, format!("Signed out the session on {device}.")))),
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
            busy.set(None);
            sessions.refetch();
        });
    };
    view! {
        <section class="card card-wide" aria-labelledby="profile-sessions-title">
            <h2 id="profile-sessions-title">"Sessions"</h2>
            <p class="muted">"Browsers where you are signed in. Sign out the ones you do not recognise."</p>
            {resource_view(sessions, move |list: Vec<Session>| {
                let rows = list.into_iter().map(|s| {
                    let device = device_label(s.user_agent.as_deref());
                    let id = s.id;
                    let action = if s.current {
                        view! { <span class="tag tag-current">"This session"</span> }.into_any()
                    } else {
                        let d = device.clone();
                        view! {
                            <button type="button" class="btn btn-danger btn-small" disabled=move || busy.get() == Some(id)
                                on:click=move |_| sign_out(id, d.clone())>
                                "Sign out"<span class="visually-hidden">{format!(" the session on {device}")}</span>
                            </button>
                        }.into_any()
                    };
                    view! {
                        <tr>
                            <td title=s.user_agent.clone().unwrap_or_default()>{device_label(s.user_agent.as_deref())}</td>
                            <td>{format::datetime(s.signed_in_at)}</td>
                            <td>{format::relative(s.last_used_at)}</td>
                            <td>{format::datetime(s.expires_at)}</td>
                            <td>{action}</td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="tickets data">
                            <thead><tr>
                                <th scope="col">"Device"</th>
                                <th scope="col">"Signed in"</th>
                                <th scope="col">"Last active"</th>
                                <th scope="col">"Expires"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::device_label;

    #[test]
    fn names_browser_and_system() {
        let chrome =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";
        assert_eq!(device_label(Some(chrome)), "Chrome on Linux");
        let firefox = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        assert_eq!(device_label(Some(firefox)), "Firefox on Windows");
        assert_eq!(device_label(None), "Unknown device");
        assert_eq!(device_label(Some("curl/8.5")), "curl/8.5");
    }
}
