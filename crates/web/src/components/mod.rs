//! Building blocks shared by the screens.

pub mod badges;
pub mod number_pager;
pub mod states;
pub mod text;
pub mod ticket_table;
pub mod topbar;

pub use badges::{ApprovalBadge, PriorityBadge, StatusBadge};
pub use number_pager::NumberPager;
pub use states::{resource_view, EmptyState, ErrorPanel, Loading, Notice, Tone};
pub use text::RichText;
pub use ticket_table::{Pager, Paging, TicketTable};
pub use topbar::TopBar;
