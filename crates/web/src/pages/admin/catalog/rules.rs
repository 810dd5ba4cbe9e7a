//! The approval-rule editor: ordered steps, each with the approver's role, where to look
//! for the approver (unit scope) and whether the step is required.

use leptos::prelude::*;
use shared_types::{ApprovalRule, Role, UnitScope};

use crate::auth::role_label;

/// Roles that may approve.
const ROLES: [Role; 3] = [Role::Manager, Role::Technician, Role::Admin];

/// Scopes with their labels.
pub const SCOPES: [(UnitScope, &str); 4] = [
    (UnitScope::Same, "Requester's unit"),
    (UnitScope::Parent, "Parent unit"),
    (UnitScope::Department, "Requester's department"),
    (UnitScope::Any, "Anyone"),
];

fn scope_code(scope: UnitScope) -> &'static str {
    match scope {
        UnitScope::Same => "same",
        UnitScope::Parent => "parent",
        UnitScope::Department => "department",
        UnitScope::Any => "any",
    }
}

/// Numbers the steps 1..=n in list order.
pub fn renumber(rules: &mut [ApprovalRule]) {
    for (i, r) in rules.iter_mut().enumerate() {
        r.step = i as i32 + 1;
    }
}

/// Swaps step `i` with the one above (`up`) or below, when there is one.
pub fn shift(rules: &mut [ApprovalRule], i: usize, up: bool) {
    let j = if up { i.checked_sub(1) } else { Some(i + 1) };
    if let Some(j) = j.filter(|j| *j < rules.len()) {
        rules.swap(i, j);
    }
    renumber(rules);
}

/// A new required step: a manager of the requester's unit.
pub fn new_rule(step: usize) -> ApprovalRule {
    ApprovalRule { step: step as i32, approver_role: Role::Manager, unit_scope: UnitScope::Same, is_required: true }
}

/// The steps of `rules`, editable in place.
#[component]
pub fn RuleEditor(rules: RwSignal<Vec<ApprovalRule>>) -> impl IntoView {
    let row = move |i: usize, rule: ApprovalRule| {
        let n = i + 1;
        let set = move |f: Box<dyn Fn(&mut ApprovalRule)>| {
            rules.update(|r| {
                if let Some(x) = r.get_mut(i) {
                    f(x)
                }
            })
        };
        let role_options = ROLES
            .iter()
            .map(|r| view! { <option value=r.as_str() selected=rule.approver_role == *r>{role_label(*r)}</option> })
            .collect_view();
        let scope_options = SCOPES
            .iter()
            .map(|(s, l)| view! { <option value=scope_code(*s) selected=rule.unit_scope == *s>{*l}</option> })
            .collect_view();
        let count = rules.with_untracked(Vec::len);
        view! {
            <li class="rule-row">
                <span class="rule-step">{format!("Step {n}")}</span>
                <label class="rule-field">
                    <span>"Approver role"</span>
                    <select aria-label=format!("Approver role of step {n}") on:change=move |ev| {
                        if let Some(r) = Role::parse(&event_target_value(&ev)) {
                            set(Box::new(move |x| x.approver_role = r));
                        }
                    }>{role_options}</select>
                </label>
                <label class="rule-field">
                    <span>"Unit scope"</span>
                    <select aria-label=format!("Unit scope of step {n}") on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some((s, _)) = SCOPES.iter().find(|(s, _)| scope_code(*s) == v) {
                            let s = *s;
                            set(Box::new(move |x| x.unit_scope = s));
                        }
                    }>{scope_options}</select>
                </label>
                <label class="check">
                    <input type="checkbox" prop:checked=rule.is_required
                        on:change=move |ev| { let on = event_target_checked(&ev); set(Box::new(move |x| x.is_required = on)); } />
                    "Required"<span class="visually-hidden">{format!(" (step {n})")}</span>
                </label>
                <span class="row-actions">
                    <button type="button" class="btn btn-small" disabled=i == 0 on:click=move |_| rules.update(|r| shift(r, i, true))>
                        "Up"<span class="visually-hidden">{format!(" (step {n})")}</span>
                    </button>
                    <button type="button" class="btn btn-small" disabled=n == count on:click=move |_| rules.update(|r| shift(r, i, false))>
                        "Down"<span class="visually-hidden">{format!(" (step {n})")}</span>
                    </button>
                    <button type="button" class="btn btn-small btn-danger" on:click=move |_| rules.update(|r| { r.remove(i); renumber(r); })>
                        "Remove"<span class="visually-hidden">{format!(" step {n}")}</span>
                    </button>
                </span>
            </li>
        }
    };
    view! {
        <fieldset class="field field-group rules">
            <legend>"Approval steps"</legend>
            <p class="help">"Steps run in order; a required step must approve before the next one starts."</p>
            {move || {
                let list = rules.get();
                if list.is_empty() {
                    view! { <p class="muted">"No steps yet."</p> }.into_any()
                } else {
                    view! { <ol class="rule-list">{list.into_iter().enumerate().map(|(i, r)| row(i, r)).collect_view()}</ol> }.into_any()
                }
            }}
            <button type="button" class="btn btn-small" on:click=move |_| rules.update(|r| { let n = r.len() + 1; r.push(new_rule(n)); })>
                "Add approval step"
            </button>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_steps_keeps_them_numbered() {
        let mut rules = vec![new_rule(1), ApprovalRule { approver_role: Role::Admin, ..new_rule(2) }];
        shift(&mut rules, 1, true);
        assert_eq!(rules[0].approver_role, Role::Admin);
        assert_eq!(rules.iter().map(|r| r.step).collect::<Vec<_>>(), vec![1, 2]);
        shift(&mut rules, 0, true);
        assert_eq!(rules[0].approver_role, Role::Admin);
        shift(&mut rules, 1, false);
        assert_eq!(rules[1].approver_role, Role::Manager);
    }
}
