//! Rules for catalog input: names, SLA targets, approval steps and keywords.
//! Pure: checks what can be checked without the database; each failure names its
//! field for the 422 details.

use shared_types::{CategoryInput, FieldError, Role, ServiceItemInput};

use crate::people::rules::clean_name;

fn err(field: &str, message: impl Into<String>) -> FieldError {
    FieldError { field: field.to_owned(), message: message.into() }
}

/// The empty form every new item starts with (version 1).
pub fn empty_form() -> serde_json::Value {
    serde_json::json!({"type": "object", "properties": {}})
}

/// A cleaned category: trimmed name (required, ≤ 200), description, icon (≤ 40).
pub fn clean_category(mut c: CategoryInput) -> Result<CategoryInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    match clean_name("Name", &c.name) {
        Ok(n) => c.name = n,
        Err(m) => errors.push(err("name", m)),
    }
    c.description = c.description.trim().to_owned();
    c.icon = c.icon.map(|i| i.trim().to_owned()).filter(|i| !i.is_empty());
    if c.icon.as_ref().is_some_and(|i| i.chars().count() > 40) {
        errors.push(err("icon", "Icon must be at most 40 characters"));
    }
    if errors.is_empty() {
        Ok(c)
    } else {
        Err(errors)
    }
}

/// A cleaned item: trimmed name; SLA targets positive and resolution not before
/// response; approval steps only for roles that can approve, at least one required
/// step when approval is required; keywords trimmed,
/// lower-cased, de-duplicated, at most 20.
pub fn clean_item(mut i: ServiceItemInput) -> Result<ServiceItemInput, Vec<FieldError>> {
    let mut errors = Vec::new();
    match clean_name("Name", &i.name) {
        Ok(n) => i.name = n,
        Err(m) => errors.push(err("name", m)),
    }
    i.description = i.description.trim().to_owned();
    for (field, v) in
        [("responseTargetMinutes", i.response_target_minutes), ("resolutionTargetMinutes", i.resolution_target_minutes)]
    {
        if v.is_some_and(|m| m <= 0) {
            errors.push(err(field, "Targets are in whole minutes, at least 1"));
        }
    }
    if let (Some(r), Some(s)) = (i.response_target_minutes, i.resolution_target_minutes) {
        if s < r {
            errors.push(err("resolutionTargetMinutes", "Resolution cannot be due before the first response"));
        }
    }
    if i.approval_rules.iter().any(|r| r.approver_role == Role::Requester) {
        errors.push(err("approvalRules", "Approvers are technicians, managers or admins"));
    }
    if i.requires_approval && !i.approval_rules.iter().any(|r| r.is_required) {
        errors.push(err("approvalRules", "An item that needs approval needs at least one required step"));
    }
    if !i.requires_approval {
        i.approval_rules.clear();
    }
    let mut keywords: Vec<String> =
        i.keywords.iter().map(|k| k.trim().to_lowercase()).filter(|k| !k.is_empty()).collect();
    keywords.sort();
    keywords.dedup();
    if keywords.len() > 20 || keywords.iter().any(|k| k.chars().count() > 40) {
        errors.push(err("keywords", "Use at most 20 keywords of up to 40 characters"));
    }
    i.keywords = keywords;
    if errors.is_empty() {
        Ok(i)
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use shared_types::{ApprovalRule, ItemKind, Priority, UnitScope};
    use uuid::Uuid;

    use super::*;

    fn item() -> ServiceItemInput {
        ServiceItemInput {
            category_id: Uuid::new_v4(),
            name: "  Laptop  ".into(),
            description: String::new(),
            kind: ItemKind::Request,
            default_priority: Priority::Medium,
            fulfilment_unit_id: None,
            response_target_minutes: Some(60),
            resolution_target_minutes: Some(480),
            requires_approval: true,
            approval_rules: vec![ApprovalRule {
                step: 1,
                approver_role: Role::Manager,
                unit_scope: UnitScope::Same,
                is_required: true,
            }],
            keywords: vec![" Notebook ".into(), "notebook".into(), "".into()],
            position: 0,
            is_active: true,
        }
    }

    #[test]
    fn a_good_item_is_cleaned() {
        let i = clean_item(item()).expect("valid");
        assert_eq!(i.name, "Laptop");
        assert_eq!(i.keywords, vec!["notebook"]);
    }

    #[test]
    fn each_rule_names_its_field() {
        let fields = |i| clean_item(i).expect_err("invalid").into_iter().map(|e| e.field).collect::<Vec<_>>();
        let mut i = item();
        i.resolution_target_minutes = Some(30);
        assert_eq!(fields(i), vec!["resolutionTargetMinutes"]);
        let mut i = item();
        i.approval_rules[0].is_required = false;
        assert_eq!(fields(i), vec!["approvalRules"]);
        let mut i = item();
        i.approval_rules[0].approver_role = Role::Requester;
        assert_eq!(fields(i), vec!["approvalRules"]);
        let mut i = item();
        (i.name, i.response_target_minutes) = (" ".into(), Some(0));
        assert_eq!(fields(i), vec!["name", "responseTargetMinutes"]);
    }

    #[test]
    fn rules_are_dropped_when_no_approval_is_needed() {
        let mut i = item();
        i.requires_approval = false;
        assert!(clean_item(i).expect("valid").approval_rules.is_empty());
    }
}
