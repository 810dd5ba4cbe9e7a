//! Coloured badges for ticket status, priority and approval state.

use leptos::prelude::*;
use shared_types::{ApprovalStatus, Priority, TicketStatus};

use crate::format::{approval_label, priority_label};

/// `<span class="status status-in_progress">In progress</span>`.
#[component]
pub fn StatusBadge(status: TicketStatus) -> impl IntoView {
    view! { <span class=format!("status status-{}", status.as_str())>{status.label()}</span> }
}

/// A priority pill; high and critical stand out.
#[component]
pub fn PriorityBadge(priority: Priority) -> impl IntoView {
    view! {
        <span class=format!("priority priority-{}", priority.as_str())>
            {priority_label(priority)}
        </span>
    }
}

/// The state of one approval request.
#[component]
pub fn ApprovalBadge(status: ApprovalStatus) -> impl IntoView {
    view! { <span class=format!("approval approval-{}", status.as_str())>{approval_label(status)}</span> }
}
