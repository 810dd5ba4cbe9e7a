//! The service catalog: categories (a tree), service items and their versioned forms.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ticket::Priority;

/// Whether an item asks for something (request) or reports a fault (incident).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Request,
    Incident,
}

/// Where an approval step looks for its approver, starting from the requester's unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum UnitScope {
    /// Managers of the requester's unit.
    Same,
    /// Managers of the parent unit.
    Parent,
    /// Managers anywhere in the requester's department.
    Department,
    /// Any user with the step's role.
    Any,
}

crate::wire! {
    /// One ordered approval step of a service item.
    pub struct ApprovalRule {
        pub step: i32,
        pub approver_role: crate::auth::Role,
        pub unit_scope: UnitScope,
        pub is_required: bool,
    }

    /// A service item as the catalog lists it.
    pub struct ServiceItemSummary {
        pub id: Uuid,
        pub name: String,
        pub description: String,
        pub kind: ItemKind,
        pub requires_approval: bool,
        pub default_priority: Priority,
    }

    /// A category with its items and sub-categories.
    pub struct CategoryNode {
        pub id: Uuid,
        pub name: String,
        pub description: String,
        pub icon: Option<String>,
        pub items: Vec<ServiceItemSummary>,
        #[cfg_attr(feature = "openapi", schema(no_recursion))]
        pub children: Vec<CategoryNode>,
    }

    /// `GET /api/v1/service-catalog`: the active category tree with active items.
    pub struct ServiceCatalog {
        pub categories: Vec<CategoryNode>,
    }

    /// `GET /api/v1/service-items/{id}`.
    pub struct ServiceItem {
        pub id: Uuid,
        pub category_id: Uuid,
        pub category_name: String,
        pub name: String,
        pub description: String,
        pub kind: ItemKind,
        pub default_priority: Priority,
        pub requires_approval: bool,
        pub fulfilment_unit_id: Option<Uuid>,
        pub fulfilment_unit_name: Option<String>,
        pub response_target_minutes: Option<i32>,
        pub resolution_target_minutes: Option<i32>,
        pub approval_rules: Vec<ApprovalRule>,
        pub form_version: i32,
    }

    /// `GET /api/v1/service-items/{id}/template`: the current form (a JSON Schema
    /// 2020-12 object schema) and its version. Tickets keep the version they were filed
    /// under.
    pub struct ServiceItemTemplate {
        pub service_item_id: Uuid,
        pub version: i32,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub schema: serde_json::Value,
    }
}
