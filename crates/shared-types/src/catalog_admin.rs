//! Managing the service catalog: categories as a
//! tree, items with SLA targets and approval rules, and versioned forms.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::auth::UserRef;
use crate::catalog::{ApprovalRule, ItemKind};
use crate::ticket::Priority;

crate::wire! {
    /// A category as admins manage it (`GET /service-categories`: flat, parents first,
    /// inactive ones included).
    pub struct Category {
        pub id: Uuid,
        pub parent_id: Option<Uuid>,
        /// The owning department: its managers are the service owners of the items
        /// in this category.
        pub department_id: Option<Uuid>,
        pub name: String,
        pub description: String,
        /// An icon name (e.g. `laptop`, `key`); the SPA maps it to a symbol.
        pub icon: Option<String>,
        pub position: i32,
        pub is_active: bool,
        pub item_count: i64,
    }

    /// `POST /service-categories`, `PUT /service-categories/{id}`. Moving a category
    /// under itself or one of its descendants is 422 on `parentId`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct CategoryInput {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        #[serde(default)]
        pub description: String,
        #[serde(default)]
        pub parent_id: Option<Uuid>,
        #[serde(default)]
        pub department_id: Option<Uuid>,
        #[serde(default)]
        pub icon: Option<String>,
        #[serde(default)]
        pub position: i32,
        #[serde(default = "yes")]
        pub is_active: bool,
    }

    /// A service item as admins and service owners manage it (`GET /service-items`,
    /// and the answer of create and update).
    pub struct ServiceItemAdmin {
        pub id: Uuid,
        pub category_id: Uuid,
        pub category_name: String,
        pub name: String,
        /// Markdown; the SPA renders it without raw HTML.
        pub description: String,
        pub kind: ItemKind,
        pub default_priority: Priority,
        pub fulfilment_unit_id: Option<Uuid>,
        pub fulfilment_unit_name: Option<String>,
        /// Minutes to the first response, and to resolution (SLA targets).
        pub response_target_minutes: Option<i32>,
        pub resolution_target_minutes: Option<i32>,
        pub requires_approval: bool,
        /// Ordered steps; `step` numbers are 1..=n in order.
        pub approval_rules: Vec<ApprovalRule>,
        pub keywords: Vec<String>,
        pub position: i32,
        pub is_active: bool,
        /// The current form version.
        pub form_version: i32,
        /// Whether the caller may edit it (admins; managers of the owning department).
        pub editable: bool,
    }

    /// `POST /service-items`, `PUT /service-items/{id}`. A new item starts with an
    /// empty form (version 1, no fields); `PUT /service-items/{id}/template` changes
    /// it. `requiresApproval` needs at least one required rule (422 otherwise).
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct ServiceItemInput {
        pub category_id: Uuid,
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub name: String,
        #[serde(default)]
        pub description: String,
        pub kind: ItemKind,
        #[serde(default = "medium")]
        pub default_priority: Priority,
        #[serde(default)]
        pub fulfilment_unit_id: Option<Uuid>,
        #[serde(default)]
        pub response_target_minutes: Option<i32>,
        #[serde(default)]
        pub resolution_target_minutes: Option<i32>,
        #[serde(default)]
        pub requires_approval: bool,
        #[serde(default)]
        pub approval_rules: Vec<ApprovalRule>,
        #[serde(default)]
        pub keywords: Vec<String>,
        #[serde(default)]
        pub position: i32,
        #[serde(default = "yes")]
        pub is_active: bool,
    }

    /// `PUT /service-items/{id}/template`: a new form. Every save makes a new
    /// immutable version; an invalid schema is 422 on `schema` with the reason.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct TemplateInput {
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub schema: serde_json::Value,
    }

    /// One saved version of a form (`GET /service-items/{id}/template/versions`).
    pub struct FormVersion {
        pub version: i32,
        pub created_at: DateTime<Utc>,
        pub created_by: Option<UserRef>,
        pub field_count: i64,
    }

    /// A ranked hit of `GET /service-catalog/search?q=`.
    pub struct CatalogSearchHit {
        pub id: Uuid,
        pub name: String,
        pub description: String,
        pub kind: ItemKind,
        pub category_name: String,
        /// PostgreSQL `ts_rank` of the match (name weighs most, then keywords, then
        /// the description).
        pub rank: f32,
    }
}

fn yes() -> bool {
    true
}

fn medium() -> Priority {
    Priority::Medium
}
