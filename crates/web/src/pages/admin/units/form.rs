//! Creating a unit, or renaming it, changing its department and moving it.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Department, Unit, UnitInput};
use uuid::Uuid;

use crate::components::Tone;
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FieldMessage, FormError, TextField};
use crate::pages::admin::unit_tree::{subtree, unit_options};
use crate::pages::admin::users::NoticeSignal;

/// The unit form: `unit` is `None` to create one (under `parent` if given).
#[component]
pub fn UnitForm(
    unit: Option<Unit>,
    parent: Option<Uuid>,
    units: Vec<Unit>,
    departments: Vec<Department>,
    close: Callback<()>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let editing = unit.as_ref().map(|u| u.id);
    let parent_unit = parent.and_then(|p| units.iter().find(|u| u.id == p));
    let name = RwSignal::new(unit.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let default_department = unit.as_ref().map(|u| u.department_id).or(parent_unit.map(|u| u.department_id));
    let department = RwSignal::new(default_department.map(|d| d.to_string()).unwrap_or_default());
    let parent_id = unit.as_ref().map_or(parent, |u| u.parent_id);
    let parent_sel = RwSignal::new(parent_id.map(|p| p.to_string()).unwrap_or_default());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // A unit cannot move under itself or its descendants (the API checks too).
    let excluded = editing.map(|id| subtree(&units, id)).unwrap_or_default();

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_owned();
        let mut found = FieldErrors::new();
        require(&mut found, "name", &n, "Enter the unit's name");
        let department_id = department.with_untracked(|d| Uuid::parse_str(d).ok());
        if department_id.is_none() {
            found.insert("departmentId".into(), "Choose a department".into());
        }
        failure.set(None);
        errors.set(found);
        let (Some(department_id), true) = (department_id, errors.with_untracked(FieldErrors::is_empty)) else { return };
        if busy.get_untracked() {
            return;
        }
        let input =
            UnitInput { name: n, department_id, parent_id: parent_sel.with_untracked(|p| Uuid::parse_str(p).ok()) };
        busy.set(true);
        spawn_local(async move {
            let result = match editing {
                None => endpoints::create_unit(input).await,
                Some(id) => endpoints::update_unit(id, input).await,
            };
            match result {
                Ok(saved) => {
                    let verb = if editing.is_some() { "saved" } else { "created" };
                    notice.set(Some((Tone::Success, format!("{} was {verb}.", saved.name))));
                    close.run(());
                    reload.run(());
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                    busy.set(false);
                }
            }
        });
    };

    let department_options = departments
        .iter()
        .map(|d| {
            let id = d.id.to_string();
            let is = id.clone();
            view! { <option value=id selected=move || department.with(|s| s == &is)>{d.name.clone()}</option> }
        })
        .collect_view();
    let title = match (&unit, parent_unit) {
        (Some(u), _) => format!("Edit {}", u.name),
        (None, Some(p)) => format!("New unit under {}", p.name),
        (None, None) => "New unit".to_owned(),
    };
    view! {
        <section class="card form-card" aria-labelledby="unit-form-title">
            <h2 id="unit-form-title">{title}</h2>
            <form on:submit=on_submit novalidate>
                <TextField id="unit-name" label="Name" value=name errors path="name" required=true />
                <div class="field">
                    <label for="unit-department">"Department"</label>
                    <select id="unit-department" aria-describedby="unit-department-error"
                        on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="" selected=move || department.with(String::is_empty)>"Choose…"</option>
                        {department_options}
                    </select>
                    <FieldMessage errors path="departmentId" id="unit-department-error" />
                </div>
                <div class="field">
                    <label for="unit-parent">"Parent unit"</label>
                    <select id="unit-parent" aria-describedby="unit-parent-error"
                        on:change=move |ev| parent_sel.set(event_target_value(&ev))>
                        <option value="" selected=move || parent_sel.with(String::is_empty)>"None (top level)"</option>
                        {unit_options(&units, parent_sel, &excluded)}
                    </select>
                    <FieldMessage errors path="parentId" id="unit-parent-error" />
                </div>
                <FormError message=failure />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                        {if editing.is_some() { "Save unit" } else { "Create unit" }}
                    </button>
                    <button type="button" class="btn btn-quiet" on:click=move |_| close.run(())>"Cancel"</button>
                </div>
            </form>
        </section>
    }
}
