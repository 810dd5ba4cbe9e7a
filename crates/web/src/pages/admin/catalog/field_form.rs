//! Editing one form field: label, key, type, required, help, options, min/max, pattern
//! and its message, and "show only when <field> is <value>".

use leptos::ev::SubmitEvent;
use leptos::prelude::*;

use super::schema_model::{key_from_label, valid_key, FieldSpec, Kind};
use crate::forms::{FieldErrors, FieldMessage, FormError, TextField};

fn opt_number(text: &str) -> Result<Option<f64>, ()> {
    let t = text.trim();
    if t.is_empty() {
        Ok(None)
    } else {
        t.parse::<f64>().map(Some).map_err(|_| ())
    }
}

/// Checks `spec` against the other fields; messages keyed by the inputs' paths.
pub fn check_spec(spec: &FieldSpec, others: &[FieldSpec]) -> FieldErrors {
    let mut e = FieldErrors::new();
    if spec.label.trim().is_empty() {
        e.insert("label".into(), "Enter a label".into());
    }
    if !valid_key(&spec.key) {
        e.insert("key".into(), "Use letters, digits and _ (starting with a letter)".into());
    } else if others.iter().any(|o| o.key == spec.key) {
        e.insert("key".into(), "Another field already uses this key".into());
    }
    if spec.kind.has_options() && spec.options.is_empty() {
        e.insert("options".into(), "Add at least one option".into());
    }
    if let (Some(min), Some(max)) = (spec.min, spec.max) {
        if min > max {
            e.insert("max".into(), "Maximum must not be below the minimum".into());
        }
    }
    if let Some((_, value)) = &spec.condition {
        if value.trim().is_empty() {
            e.insert("conditionValue".into(), "Enter the value that shows this field".into());
        }
    }
    e
}

/// The field form; `others` are the form's other fields (for the key check and the
/// condition).
#[component]
pub fn FieldEditor(
    spec: FieldSpec,
    others: Vec<FieldSpec>,
    on_save: Callback<FieldSpec>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let is_new = spec.key.is_empty();
    let label = RwSignal::new(spec.label.clone());
    let key = RwSignal::new(spec.key.clone());
    let kind = RwSignal::new(spec.kind);
    let required = RwSignal::new(spec.required);
    let help = RwSignal::new(spec.help.clone());
    let options = RwSignal::new(spec.options.join("\n"));
    let min = RwSignal::new(spec.min.map(|m| m.to_string()).unwrap_or_default());
    let max = RwSignal::new(spec.max.map(|m| m.to_string()).unwrap_or_default());
    let pattern = RwSignal::new(spec.pattern.clone());
    let pattern_message = RwSignal::new(spec.pattern_message.clone());
    let cond_field = RwSignal::new(spec.condition.as_ref().map(|c| c.0.clone()).unwrap_or_default());
    let cond_value = RwSignal::new(spec.condition.as_ref().map(|c| c.1.clone()).unwrap_or_default());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    // A new field's key follows its label until the key is typed into.
    let key_touched = RwSignal::new(!is_new);
    Effect::new(move |_| {
        let l = label.get();
        if !key_touched.get_untracked() {
            key.set(key_from_label(&l));
        }
    });
    let others = StoredValue::new(others);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (min_v, max_v) = (opt_number(&min.get_untracked()), opt_number(&max.get_untracked()));
        let k = kind.get_untracked();
        let spec = FieldSpec {
            key: key.get_untracked().trim().to_owned(),
            label: label.get_untracked().trim().to_owned(),
            kind: k,
            required: required.get_untracked(),
            help: help.get_untracked().trim().to_owned(),
            options: if k.has_options() {
                options.get_untracked().lines().map(str::trim).filter(|o| !o.is_empty()).map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            min: if k.has_bounds() { min_v.unwrap_or(None) } else { None },
            max: if k.has_bounds() { max_v.unwrap_or(None) } else { None },
            pattern: if k.is_text() { pattern.get_untracked().trim().to_owned() } else { String::new() },
            pattern_message: if k.is_text() {
                pattern_message.get_untracked().trim().to_owned()
            } else {
                String::new()
            },
            condition: cond_field
                .with_untracked(|f| (!f.is_empty()).then(|| (f.clone(), cond_value.get_untracked().trim().to_owned()))),
        };
        let mut found = others.with_value(|o| check_spec(&spec, o));
        if min_v.is_err() {
            found.insert("min".into(), "Enter a number".into());
        }
        if max_v.is_err() {
            found.insert("max".into(), "Enter a number".into());
        }
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            failure.set(None);
            on_save.run(spec);
        } else {
            failure.set(Some("Some settings need your attention.".into()));
        }
    };

    let kind_options = Kind::ALL
        .iter()
        .map(|(k, l)| {
            let k = *k;
            view! { <option value=k.code() selected=move || kind.get() == k>{*l}</option> }
        })
        .collect_view();
    let field_options = move || {
        others.with_value(|o| {
            o.iter()
                .filter(|f| f.condition.is_none())
                .map(|f| {
                    let key = f.key.clone();
                    view! { <option value=f.key.clone() selected=move || cond_field.with(|c| c == &key)>{f.label.clone()}</option> }
                })
                .collect_view()
        })
    };
    let value_choices = move || {
        let source = cond_field.get();
        others.with_value(|o| {
            o.iter().find(|f| f.key == source).map(|f| match f.kind {
                Kind::Checkbox => vec!["true".to_owned(), "false".to_owned()],
                _ => f.options.clone(),
            })
        })
    };
    view! {
        <form class="card form-card field-editor" on:submit=on_submit novalidate aria-labelledby="fe-title">
            <h3 id="fe-title">{if is_new { "New field".to_owned() } else { format!("Field “{}”", spec.label) }}</h3>
            <TextField id="fe-label" label="Label" value=label errors path="label" required=true />
            <div class="field">
                <label for="fe-key">"Key"<span class="req" aria-hidden="true">" *"</span></label>
                <p class="help" id="fe-key-help">"The name in formData and the API docs."</p>
                <input id="fe-key" type="text" prop:value=move || key.get() aria-describedby="fe-key-help fe-key-error"
                    on:input=move |ev| { key_touched.set(true); key.set(event_target_value(&ev)); } />
                <FieldMessage errors path="key" id="fe-key-error" />
            </div>
            <div class="field">
                <label for="fe-type">"Type"</label>
                <select id="fe-type" on:change=move |ev| if let Some(k) = Kind::from_code(&event_target_value(&ev)) { kind.set(k) }>
                    {kind_options}
                </select>
            </div>
            <label class="check"><input id="fe-required" type="checkbox" bind:checked=required />"Required"</label>
            <TextField id="fe-help" label="Help text" value=help errors path="help" />
            <Show when=move || kind.get().has_options()>
                <div class="field">
                    <label for="fe-options">"Options (one per line)"</label>
                    <textarea id="fe-options" rows="4" bind:value=options aria-describedby="fe-options-error"></textarea>
                    <FieldMessage errors path="options" id="fe-options-error" />
                </div>
            </Show>
            <Show when=move || kind.get().has_bounds()>
                <div class="field-row">
                    <TextField id="fe-min" label="Minimum" value=min errors path="min" input_type="number"
                        help="Length for text, choices for several, the value for numbers." />
                    <TextField id="fe-max" label="Maximum" value=max errors path="max" input_type="number" />
                </div>
            </Show>
            <Show when=move || kind.get().is_text()>
                <TextField id="fe-pattern" label="Pattern (regular expression)" value=pattern errors path="pattern" />
                <TextField id="fe-pattern-message" label="Message when the pattern fails" value=pattern_message errors path="patternMessage" />
            </Show>
            <fieldset class="field-group condition">
                <legend>"Condition"</legend>
                <div class="field-row">
                    <div class="field">
                        <label for="fe-cond-field">"Show only when"</label>
                        <select id="fe-cond-field" on:change=move |ev| cond_field.set(event_target_value(&ev))>
                            <option value="" selected=move || cond_field.with(String::is_empty)>"Always shown"</option>
                            {field_options}
                        </select>
                    </div>
                    <Show when=move || !cond_field.with(String::is_empty)>
                        <div class="field">
                            <label for="fe-cond-value">"is"</label>
                            {move || match value_choices() {
                                Some(choices) if !choices.is_empty() => {
                                    if !choices.contains(&cond_value.get_untracked()) {
                                        cond_value.set(choices[0].clone());
                                    }
                                    let opts = choices.into_iter().map(|c| {
                                        let is = c.clone();
                                        view! { <option value=c.clone() selected=move || cond_value.with(|v| v == &is)>{c.clone()}</option> }
                                    }).collect_view();
                                    view! { <select id="fe-cond-value" aria-describedby="fe-cond-value-error" on:change=move |ev| cond_value.set(event_target_value(&ev))>{opts}</select> }.into_any()
                                }
                                _ => view! { <input id="fe-cond-value" type="text" bind:value=cond_value aria-describedby="fe-cond-value-error" /> }.into_any(),
                            }}
                            <FieldMessage errors path="conditionValue" id="fe-cond-value-error" />
                        </div>
                    </Show>
                </div>
                <p class="help">"A conditional field is hidden, and never required, until the condition holds."</p>
            </fieldset>
            <FormError message=failure />
            <div class="form-actions">
                <button type="submit" class="btn btn-primary">{if is_new { "Add field" } else { "Apply changes" }}</button>
                <button type="button" class="btn btn-quiet" on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_settings_are_checked() {
        let other = FieldSpec { key: "a".into(), label: "A".into(), ..FieldSpec::new() };
        let spec = FieldSpec {
            key: "a".into(),
            label: " ".into(),
            kind: Kind::Select,
            min: Some(3.0),
            max: Some(1.0),
            ..FieldSpec::new()
        };
        let e = check_spec(&spec, std::slice::from_ref(&other));
        assert_eq!(e.keys().cloned().collect::<Vec<_>>(), vec!["key", "label", "max", "options"]);
        let ok = FieldSpec {
            key: "b".into(),
            label: "B".into(),
            condition: Some(("a".into(), "x".into())),
            ..FieldSpec::new()
        };
        assert!(check_spec(&ok, &[other]).is_empty());
    }
}
