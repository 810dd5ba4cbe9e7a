//! The form editor: a field list (or the raw JSON Schema for power users) beside a live
//! preview rendered by the shared form renderer, a sample-submission check, and Save,
//! which makes a new immutable version.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde_json::Value;
use uuid::Uuid;

use super::field_form::FieldEditor;
use super::schema_model::{from_schema, representable, to_schema, FieldSpec};
use crate::components::{resource_view, Tone};
use crate::endpoints;
use crate::forms::{check_form, errors_from, FieldErrors, FormView};
use crate::pages::admin::users::NoticeSignal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Fields,
    Json,
}

/// Loads the item's current form and edits it.
#[component]
pub fn FormEditor(item_id: Uuid, notice: NoticeSignal, saved: Callback<()>) -> impl IntoView {
    let current = LocalResource::new(move || endpoints::template(item_id, None));
    view! {
        <section class="form-builder" id="form" aria-labelledby="form-editor-title">
            <h2 id="form-editor-title">"Request form"</h2>
            {resource_view(current, move |t: shared_types::ServiceItemTemplate| view! {
                <Editor item_id schema=t.schema version=t.version notice saved />
            })}
        </section>
    }
}

#[component]
fn Editor(item_id: Uuid, schema: Value, version: i32, notice: NoticeSignal, saved: Callback<()>) -> impl IntoView {
    let schema = RwSignal::new(schema);
    let version = RwSignal::new(version);
    let tab = RwSignal::new(Tab::Fields);
    let editing = RwSignal::new(None::<Option<usize>>);
    let json_text = RwSignal::new(String::new());
    let json_error = RwSignal::new(None::<String>);
    let save_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let specs = Memo::new(move |_| schema.with(from_schema));
    let plain = Memo::new(move |_| schema.with(representable));
    let lint = Memo::new(move |_| schema.with(|s| shared_types::forms::lint(s).err()));
    let set_specs = move |f: &dyn Fn(&mut Vec<FieldSpec>)| {
        let mut list = specs.get_untracked();
        f(&mut list);
        schema.set(to_schema(&list));
    };
    let open_json = move |_| {
        json_text.set(schema.with_untracked(|s| serde_json::to_string_pretty(s).unwrap_or_default()));
        json_error.set(None);
        tab.set(Tab::Json);
    };
    let apply_json = move |_| match serde_json::from_str::<Value>(&json_text.get_untracked()) {
        Ok(v) if v.is_object() => {
            json_error.set(None);
            schema.set(v);
            notice.set(Some((Tone::Success, "The JSON Schema is applied to the preview (not saved yet).".into())));
        }
        Ok(_) => json_error.set(Some("The schema must be a JSON object.".into())),
        Err(e) => json_error.set(Some(format!("Not valid JSON: {e}"))),
    };
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        save_error.set(None);
        let s = schema.get_untracked();
        spawn_local(async move {
            match endpoints::save_template(item_id, s).await {
                Ok(t) => {
                    version.set(t.version);
                    notice.set(Some((Tone::Success, format!("The form was saved as version {}.", t.version))));
                    saved.run(());
                }
                Err(f) => {
                    let reason = errors_from(&f.details).get("schema").cloned();
                    save_error.set(Some(reason.map_or(f.message.clone(), |r| format!("{}: {r}", f.message))));
                }
            }
            busy.set(false);
        });
    };

    let field_rows = move || {
        let list = specs.get();
        let count = list.len();
        if count == 0 {
            return view! { <p class="muted">"No fields yet: requesters only give a title and description."</p> }
                .into_any();
        }
        let rows = list
            .into_iter()
            .enumerate()
            .map(|(i, f)| {
                let condition = f.condition.clone().map(|(src, v)| {
                    let src_label = specs.with_untracked(|s| s.iter().find(|x| x.key == src).map_or(src.clone(), |x| x.label.clone()));
                    format!(" · shown when {src_label} is {v}")
                });
                let key = f.key.clone();
                let label = f.label.clone();
                view! {
                    <li class="field-row-item" data-field=f.key.clone()>
                        <span class="cell-strong">{f.label.clone()}</span>
                        <span class="muted">{format!("{} · {}{}", f.key, f.kind.label(), if f.required { " · required" } else { "" })}{condition}</span>
                        <span class="row-actions">
                            <button type="button" class="btn btn-small" disabled=move || !plain.get() on:click=move |_| editing.set(Some(Some(i)))>
                                "Edit"<span class="visually-hidden">{format!(" {label}")}</span>
                            </button>
                            <button type="button" class="btn btn-small" disabled=move || !plain.get() || i == 0
                                on:click=move |_| set_specs(&|l| l.swap(i, i - 1))>
                                "Up"<span class="visually-hidden">{format!(" {}", f.label)}</span>
                            </button>
                            <button type="button" class="btn btn-small" disabled=move || !plain.get() || i + 1 == count
                                on:click=move |_| set_specs(&|l| l.swap(i, i + 1))>
                                "Down"<span class="visually-hidden">{format!(" {}", f.label)}</span>
                            </button>
                            <button type="button" class="btn btn-small btn-danger" disabled=move || !plain.get()
                                on:click=move |_| {
                                    let key = key.clone();
                                    set_specs(&move |l| {
                                        l.remove(i);
                                        for other in l.iter_mut() {
                                            if other.condition.as_ref().is_some_and(|c| c.0 == key) {
                                                other.condition = None;
                                            }
                                        }
                                    });
                                }>
                                "Remove"<span class="visually-hidden">{format!(" {}", f.label)}</span>
                            </button>
                        </span>
                    </li>
                }
            })
            .collect_view();
        view! { <ol class="field-list card" aria-label="Fields">{rows}</ol> }.into_any()
    };
    let field_editor = move || {
        editing.get().map(|at| {
            let list = specs.get_untracked();
            let spec = at.and_then(|i| list.get(i).cloned()).unwrap_or_default();
            let others: Vec<FieldSpec> =
                list.iter().enumerate().filter(|(j, _)| Some(*j) != at).map(|(_, f)| f.clone()).collect();
            let on_save = Callback::new(move |new: FieldSpec| {
                set_specs(&|l| match at {
                    Some(i) if i < l.len() => l[i] = new.clone(),
                    _ => l.push(new.clone()),
                });
                editing.set(None);
            });
            view! { <FieldEditor spec others on_save on_cancel=Callback::new(move |_| editing.set(None)) /> }
        })
    };
    let tab_button = move |t: Tab, label: &'static str| {
        view! {
            <button type="button" role="tab" class="tab-button" aria-selected=move || (tab.get() == t).to_string()
                on:click=move |ev| if t == Tab::Json { open_json(ev) } else { tab.set(t) }>{label}</button>
        }
    };
    view! {
        <div class="form-editor">
            <div class="editor-pane">
                <div role="tablist" aria-label="Form editor" class="tab-buttons">
                    {tab_button(Tab::Fields, "Fields")}
                    {tab_button(Tab::Json, "JSON Schema")}
                </div>
                <Show when=move || tab.get() == Tab::Fields>
                    <Show when=move || !plain.get()>
                        <p class="notice notice-error" role="status">"This form uses schema features the field list cannot show. Edit it in the JSON Schema tab."</p>
                    </Show>
                    {field_rows}
                    <Show when=move || editing.get().is_none()>
                        <button type="button" class="btn" disabled=move || !plain.get() on:click=move |_| editing.set(Some(None))>"Add field"</button>
                    </Show>
                    {field_editor}
                </Show>
                <Show when=move || tab.get() == Tab::Json>
                    <div class="field">
                        <label for="schema-json">"JSON Schema (2020-12)"</label>
                        <textarea id="schema-json" class="code" rows="18" spellcheck="false" bind:value=json_text aria-describedby="schema-json-error"></textarea>
                        <p class="field-error" id="schema-json-error" hidden=move || json_error.with(Option::is_none)>{move || json_error.get().unwrap_or_default()}</p>
                    </div>
                    <button type="button" class="btn" on:click=apply_json>"Apply JSON"</button>
                </Show>
                <div class="schema-status" role="status">
                    {move || match lint.get() {
                        None => view! { <p class="ok">"The schema is valid."</p> }.into_any(),
                        Some(reason) => view! { <p class="field-error">{format!("The schema cannot be saved: {reason}")}</p> }.into_any(),
                    }}
                </div>
                <div class="form-error" role="alert">{move || save_error.get().map(|m| view! { <p>{m}</p> })}</div>
                <div class="form-actions">
                    <button type="button" class="btn btn-primary" on:click=save disabled=move || busy.get() || lint.with(Option::is_some)>
                        "Save form as new version"
                    </button>
                    <span class="muted">{move || format!("Current version: {}", version.get())}</span>
                </div>
            </div>
            <div class="preview-pane">
                {move || { let s = schema.get(); view! { <FormPreview schema=s sample=true /> } }}
            </div>
        </div>
    }
}

/// The form as requesters will see it (the shared renderer). With `sample`, a box
/// shows the `formData` typed into it and its client check, live; a JSON sample can be
/// loaded into the form, and the check's messages put beside the fields.
#[component]
pub fn FormPreview(schema: Value, #[prop(optional)] sample: bool) -> impl IntoView {
    let data = RwSignal::new(Value::Object(Default::default()));
    let errors = RwSignal::new(FieldErrors::new());
    // Bumped to remount the inputs with `data` as their initial values.
    let mount = RwSignal::new(0u32);
    let sample_text = RwSignal::new(String::new());
    let sample_error = RwSignal::new(None::<String>);
    let form_schema = schema.clone();
    let check_schema = schema.clone();
    let result = Memo::new(move |_| data.with(|d| check_form(&check_schema, d)));
    let load = move |_| match serde_json::from_str::<Value>(&sample_text.get_untracked()) {
        Ok(v) if v.is_object() => {
            sample_error.set(None);
            data.set(v);
            errors.set(FieldErrors::new());
            mount.update(|m| *m += 1);
        }
        _ => sample_error.set(Some("Enter a JSON object, e.g. {\"field\": \"value\"}".into())),
    };
    view! {
        <section class="card preview" aria-labelledby="preview-title">
            <h3 id="preview-title">"Preview"</h3>
            {move || {
                mount.track();
                view! { <FormView schema=form_schema.clone() data errors /> }
            }}
            {sample.then(|| view! {
                <div class="sample">
                    <h4>"Sample submission"</h4>
                    <div role="status" aria-live="polite" class="sample-result">
                        {move || {
                            let found = result.get();
                            if found.is_empty() {
                                view! { <p class="ok">"Valid: the API accepts this formData."</p> }.into_any()
                            } else {
                                let items = found.into_iter().map(|(field, message)| view! { <li><code>{field}</code>": "{message}</li> }).collect_view();
                                view! { <p class="field-error">"Not valid yet:"</p><ul class="sample-errors">{items}</ul> }.into_any()
                            }
                        }}
                    </div>
                    <pre class="code" aria-label="Sample formData">{move || data.with(|d| serde_json::to_string_pretty(d).unwrap_or_default())}</pre>
                    <div class="button-row">
                        <button type="button" class="btn btn-small" on:click=move |_| errors.set(result.get_untracked())>"Check sample submission"</button>
                    </div>
                    <details>
                        <summary>"Load a JSON sample"</summary>
                        <label for="sample-json" class="visually-hidden">"Sample formData (JSON)"</label>
                        <textarea id="sample-json" class="code" rows="5" bind:value=sample_text aria-describedby="sample-json-error"></textarea>
                        <p class="field-error" id="sample-json-error" hidden=move || sample_error.with(Option::is_none)>{move || sample_error.get().unwrap_or_default()}</p>
                        <button type="button" class="btn btn-small" on:click=load>"Load into the preview"</button>
                    </details>
                </div>
            })}
        </section>
    }
}
