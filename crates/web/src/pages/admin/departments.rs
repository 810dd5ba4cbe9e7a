//! `/admin/departments`: list, create, rename, mark as service owner, delete.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Department, DepartmentInput};
use uuid::Uuid;

use super::confirm;
use super::users::NoticeSignal;
use super::AdminFrame;
use crate::components::{resource_view, EmptyState, Notice, Tone};
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FormError, TextField};

/// The departments screen.
#[component]
pub fn Departments() -> impl IntoView {
    let notice: NoticeSignal = RwSignal::new(None);
    let departments = LocalResource::new(endpoints::departments);
    let reload = Callback::new(move |_| departments.refetch());
    let editing = RwSignal::new(None::<Uuid>);
    view! {
        <AdminFrame path="/admin/departments" title="Departments"
            lead="Departments group units. Service-owner departments own services in the catalog.">
            <Notice message=notice />
            <DepartmentForm department=None editing notice reload />
            {resource_view(departments, move |list: Vec<Department>| {
                if list.is_empty() {
                    return view! { <EmptyState title="No departments yet" /> }.into_any();
                }
                let rows = list.into_iter().map(|d| view! { <DepartmentRow department=d editing notice reload /> }).collect_view();
                view! {
                    <div class="table-wrap">
                        <table class="tickets data">
                            <thead><tr>
                                <th scope="col">"Name"</th>
                                <th scope="col">"Service owner"</th>
                                <th scope="col">"Units"</th>
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            })}
        </AdminFrame>
    }
}

/// One department, or its edit form while `editing` names it.
#[component]
fn DepartmentRow(
    department: Department,
    editing: RwSignal<Option<Uuid>>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let id = department.id;
    let save = move |input: DepartmentInput, done: String| {
        spawn_local(async move {
            match endpoints::update_department(id, input).await {
                Ok(_) => {
                    notice.set(Some((Tone::Success, done)));
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
        });
    };
    let remove = {
        let d = department.clone();
        move |_| {
            if !confirm(&format!("Delete the department {}?", d.name)) {
                return;
            }
            let (id, name) = (d.id, d.name.clone());
            spawn_local(async move {
                match endpoints::delete_department(id).await {
                    Ok(()) => {
                        notice.set(Some((Tone::Success, format!("{name} was deleted."))));
                        reload.run(());
                    }
                    Err(f) => notice.set(Some((Tone::Error, f.message))),
                }
            });
        }
    };
    let toggle = {
        let d = department.clone();
        move |ev| {
            let on = event_target_checked(&ev);
            let text = format!("{} {} a service owner.", d.name, if on { "is now" } else { "is no longer" });
            save(DepartmentInput { name: d.name.clone(), is_service_owner: on }, text);
        }
    };
    let name = department.name.clone();
    let row_department = department.clone();
    move || {
        if editing.get() == Some(id) {
            let d = row_department.clone();
            return view! { <tr><td colspan="4"><DepartmentForm department=Some(d) editing notice reload /></td></tr> }
                .into_any();
        }
        let d = row_department.clone();
        view! {
            <tr>
                <td class="cell-strong">{d.name.clone()}</td>
                <td>
                    <input type="checkbox" class="check-input" prop:checked=d.is_service_owner on:change=toggle.clone()
                        aria-label=format!("{name} is a service owner") />
                </td>
                <td>{d.unit_count}</td>
                <td class="row-actions">
                    <button type="button" class="btn btn-small" on:click=move |_| editing.set(Some(id))>
                        "Rename"<span class="visually-hidden">{format!(" {}", d.name)}</span>
                    </button>
                    <button type="button" class="btn btn-small btn-danger" on:click=remove.clone()
                        title={if d.unit_count > 0 { "Move or delete its units first" } else { "" }}>
                        "Delete"<span class="visually-hidden">{format!(" {}", d.name)}</span>
                    </button>
                </td>
            </tr>
        }
        .into_any()
    }
}

/// Creates a department (`department` is `None`) or renames one.
#[component]
fn DepartmentForm(
    department: Option<Department>,
    editing: RwSignal<Option<Uuid>>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let existing = department.as_ref().map(|d| (d.id, d.is_service_owner));
    let name = RwSignal::new(department.as_ref().map(|d| d.name.clone()).unwrap_or_default());
    let owner = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let prefix = if existing.is_some() { "dept-edit" } else { "dept-new" };
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        let mut found = FieldErrors::new();
        require(&mut found, "name", &n, "Enter the department's name");
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) {
            return;
        }
        spawn_local(async move {
            let result = match existing {
                Some((id, is_owner)) => {
                    endpoints::update_department(id, DepartmentInput { name: n, is_service_owner: is_owner }).await
                }
                None => {
                    endpoints::create_department(DepartmentInput { name: n, is_service_owner: owner.get_untracked() })
                        .await
                }
            };
            match result {
                Ok(saved) => {
                    let verb = if existing.is_some() { "saved" } else { "created" };
                    notice.set(Some((Tone::Success, format!("{} was {verb}.", saved.name))));
                    editing.set(None);
                    name.set(String::new());
                    reload.run(());
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
        });
    };
    view! {
        <form class="inline-form" on:submit=on_submit novalidate>
            <TextField id=format!("{prefix}-name") label=if existing.is_some() { "New name" } else { "New department" }
                value=name errors path="name" required=true />
            {existing.is_none().then(|| view! {
                <label class="check"><input type="checkbox" bind:checked=owner />"Service owner"</label>
            })}
            <button type="submit" class="btn btn-primary">{if existing.is_some() { "Save" } else { "Add department" }}</button>
            {existing.is_some().then(|| view! {
                <button type="button" class="btn btn-quiet" on:click=move |_| editing.set(None)>"Cancel"</button>
            })}
            <FormError message=failure />
        </form>
    }
}
