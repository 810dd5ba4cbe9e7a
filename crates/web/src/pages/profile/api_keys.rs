//! The person's API keys: the list with revoke, and the form to create one.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::ApiKey;
use uuid::Uuid;

use super::new_api_key::NewApiKey;
use super::NoticeSignal;
use crate::auth::Session;
use crate::components::{resource_view, EmptyState, Tone};
use crate::endpoints;
use crate::format;

/// The API keys card.
#[component]
pub fn ApiKeys(notice: NoticeSignal) -> impl IntoView {
    let keys = LocalResource::new(endpoints::api_keys);
    let me = Session::get().user_untracked().map(|u| u.id);
    let busy = RwSignal::new(None::<Uuid>);
    let revoke = move |id: Uuid, name: String| {
        busy.set(Some(id));
        spawn_local(async move {
            match endpoints::revoke_api_key(id).await {
                Ok(()) => notice.set(Some((Tone::Success, format!("The key “{name}” was revoked.")))),
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
            busy.set(None);
            keys.refetch();
        });
    };
    let created = Callback::new(move |_| keys.refetch());
    view! {
        <section class="card card-wide" aria-labelledby="profile-keys-title">
            <h2 id="profile-keys-title">"API keys"</h2>
            <p class="muted">
                "Keys let scripts and other systems use the Ferrodesk API as you, limited to the scopes you pick. "
                "Send one as " <code>"Authorization: Bearer <key>"</code> "."
            </p>
            {resource_view(keys, move |list: Vec<ApiKey>| {
                if list.is_empty() {
                    return view! { <EmptyState title="No API keys yet" /> }.into_any();
                }
                // Admins see every key of the organisation: then say whose each one is.
                let others = list.iter().any(|k| Some(k.owner.id) != me);
                let rows = list.into_iter().map(|k| key_row(k, others, busy, revoke)).collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="tickets data">
                            <thead><tr>
                                <th scope="col">"Name"</th>
                                {others.then(|| view! { <th scope="col">"Owner"</th> })}
                                <th scope="col">"Key"</th>
                                <th scope="col">"Scopes"</th>
                                <th scope="col">"Last used"</th>
                                <th scope="col">"Expires"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
            <NewApiKey created />
        </section>
    }
}

fn key_row(
    key: ApiKey,
    show_owner: bool,
    busy: RwSignal<Option<Uuid>>,
    revoke: impl Fn(Uuid, String) + Copy + 'static,
) -> impl IntoView {
    let scopes = key.scopes.iter().map(|s| view! { <span class="tag">{s.as_str()}</span> }).collect_view();
    let id = key.id;
    let name = key.name.clone();
    let action = match key.revoked_at {
        Some(at) => view! { <span class="tag tag-revoked" title=format::datetime(at)>"Revoked"</span> }.into_any(),
        None => view! {
            <button type="button" class="btn btn-danger btn-small" disabled=move || busy.get() == Some(id)
                on:click={
                    let name = name.clone();
                    move |_| revoke(id, name.clone())
                }>
                "Revoke"<span class="visually-hidden">{format!(" {name}")}</span>
            </button>
        }
        .into_any(),
    };
    view! {
        <tr>
            <td>{key.name.clone()}</td>
            {show_owner.then(|| view! { <td>{key.owner.name.clone()}</td> })}
            <td><code>{format!("{}…", key.prefix)}</code></td>
            <td><span class="tags">{scopes}</span></td>
            <td>{key.last_used_at.map_or_else(|| "Never".to_owned(), format::relative)}</td>
            <td>{key.expires_at.map_or_else(|| "Never".to_owned(), format::datetime)}</td>
            <td>{action}</td>
        </tr>
    }
}
