//! `/admin/audit`: the audit log with filters and paging; changes as compact JSON.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::AuditEntry;

use super::AdminFrame;
use crate::components::{resource_view, EmptyState, NumberPager};
use crate::endpoints::{self, AuditQuery};
use crate::format;

/// Rows per page.
const PAGE_SIZE: u32 = 50;

/// The audit log screen.
#[component]
pub fn AuditLog() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/audit" title="Audit log" lead="Who changed what, newest first. Entries cannot be changed or removed.">
            <AuditTable />
        </AdminFrame>
    }
}

#[component]
fn AuditTable() -> impl IntoView {
    let action = RwSignal::new(String::new());
    let entity_type = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let applied = RwSignal::new(AuditQuery::default());
    let entries = LocalResource::new(move || {
        let query = AuditQuery { page: page.get(), limit: PAGE_SIZE, ..applied.get() };
        endpoints::audit_logs(query)
    });
    let on_filter = move |ev: SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        applied.set(AuditQuery {
            action: action.get_untracked(),
            entity_type: entity_type.get_untracked(),
            from: from.get_untracked(),
            to: to.get_untracked(),
            ..Default::default()
        });
    };
    view! {
        <form class="toolbar" role="search" on:submit=on_filter>
            <div class="field-inline">
                <label for="audit-action">"Action"</label>
                <input id="audit-action" type="text" placeholder="e.g. user.created" bind:value=action />
            </div>
            <div class="field-inline">
                <label for="audit-entity">"Entity"</label>
                <input id="audit-entity" type="text" placeholder="e.g. user" bind:value=entity_type />
            </div>
            <div class="field-inline">
                <label for="audit-from">"From"</label>
                <input id="audit-from" type="date" bind:value=from />
            </div>
            <div class="field-inline">
                <label for="audit-to">"To"</label>
                <input id="audit-to" type="date" bind:value=to />
            </div>
            <button type="submit" class="btn">"Filter"</button>
        </form>
        {resource_view(entries, move |result| {
            if result.items.is_empty() {
                return view! { <EmptyState title="No audit entries match" /> }.into_any();
            }
            let rows = result.items.into_iter().map(audit_row).collect_view();
            view! {
                <div class="table-wrap">
                    <table class="tickets data">
                        <thead><tr>
                            <th scope="col">"When"</th>
                            <th scope="col">"Who"</th>
                            <th scope="col">"Action"</th>
                            <th scope="col">"Entity"</th>
                            <th scope="col">"Changes"</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <NumberPager page pagination=result.pagination noun=("entry", "entries") />
            }
            .into_any()
        })}
    }
}

/// Compact JSON of a change set; `—` when there is nothing.
pub fn compact_changes(changes: &serde_json::Value) -> String {
    match changes {
        serde_json::Value::Null => "—".into(),
        serde_json::Value::Object(map) if map.is_empty() => "—".into(),
        other => other.to_string(),
    }
}

fn audit_row(entry: AuditEntry) -> impl IntoView {
    let entity = match entry.entity_id {
        Some(id) => format!("{} {}", entry.entity_type, &id.to_string()[..8]),
        None => entry.entity_type.clone(),
    };
    view! {
        <tr>
            <td><time datetime=format::iso(entry.created_at)>{format::datetime(entry.created_at)}</time></td>
            <td>{entry.actor.as_ref().map_or_else(|| "System".to_owned(), |a| a.name.clone())}</td>
            <td><code>{entry.action.clone()}</code></td>
            <td title=entry.entity_id.map(|i| i.to_string()).unwrap_or_default()>{entity}</td>
            <td><code class="json">{compact_changes(&entry.changes)}</code></td>
        </tr>
    }
}

#[cfg(test)]
mod tests {
    use super::compact_changes;
    use serde_json::json;

    #[test]
    fn changes_are_one_line() {
        assert_eq!(
            compact_changes(&json!({"role": {"from": "requester", "to": "technician"}})),
            r#"{"role":{"from":"requester","to":"technician"}}"#
        );
        assert_eq!(compact_changes(&json!({})), "—");
        assert_eq!(compact_changes(&serde_json::Value::Null), "—");
    }
}
