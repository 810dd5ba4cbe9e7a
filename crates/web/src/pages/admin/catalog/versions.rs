//! A form's version history (newest first), each viewable as its rendered preview.

use leptos::prelude::*;
use shared_types::{FormVersion, ServiceItemTemplate};
use uuid::Uuid;

use super::form_editor::FormPreview;
use crate::components::resource_view;
use crate::endpoints;
use crate::format;

/// The versions of `item_id`'s form.
#[component]
pub fn Versions(item_id: Uuid) -> impl IntoView {
    let versions = LocalResource::new(move || endpoints::template_versions(item_id));
    let shown = RwSignal::new(None::<i32>);
    view! {
        <section class="versions" aria-labelledby="versions-title">
            <h2 id="versions-title">"Form versions"</h2>
            {resource_view(versions, move |list: Vec<FormVersion>| {
                let rows = list.into_iter().map(|v| {
                    let n = v.version;
                    view! {
                        <tr>
                            <td class="cell-strong">{format!("v{n}")}</td>
                            <td><time datetime=format::iso(v.created_at)>{format::datetime(v.created_at)}</time></td>
                            <td>{v.created_by.map_or_else(|| "—".to_owned(), |u| u.name)}</td>
                            <td>{v.field_count}</td>
                            <td class="row-actions">
                                <button type="button" class="btn btn-small" aria-pressed=move || (shown.get() == Some(n)).to_string()
                                    on:click=move |_| shown.update(|s| *s = if *s == Some(n) { None } else { Some(n) })>
                                    "View"<span class="visually-hidden">{format!(" version {n}")}</span>
                                </button>
                            </td>
                        </tr>
                    }
                }).collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="tickets data">
                            <thead><tr>
                                <th scope="col">"Version"</th>
                                <th scope="col">"Saved"</th>
                                <th scope="col">"By"</th>
                                <th scope="col">"Fields"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
            })}
            {move || shown.get().map(|n| view! { <VersionPreview item_id version=n /> })}
        </section>
    }
}

#[component]
fn VersionPreview(item_id: Uuid, version: i32) -> impl IntoView {
    let template = LocalResource::new(move || endpoints::template(item_id, Some(version)));
    view! {
        <div class="version-preview" aria-label=format!("Version {version}")>
            <h3>{format!("Version {version}")}</h3>
            {resource_view(template, |t: ServiceItemTemplate| {
                let json = serde_json::to_string_pretty(&t.schema).unwrap_or_default();
                view! {
                    <FormPreview schema=t.schema />
                    <details><summary>"JSON Schema"</summary><pre class="code">{json}</pre></details>
                }
            })}
        </div>
    }
}
