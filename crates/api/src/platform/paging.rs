//! Offset paging for the administrative lists (`page`, `limit`): validation and the
//! `pagination` block of the envelope.

use shared_types::Pagination;

use crate::platform::error::AppError;

/// The last page a list serves by offset: deeper pages are for the keyset `cursor`
/// (lists that have one), where depth costs nothing.
pub const MAX_PAGE: u32 = 100_000;

/// `page` and `limit` as a list operation's query gives them, unchecked: the service
/// checks them ([`PageRequest::new`]) once it has authorised the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct PageQuery {
    pub page: Option<u32>,
    pub limit: Option<u32>,
}

/// A validated page request: 1-based `page` up to [`MAX_PAGE`], `limit` in 1..=100.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u32,
    pub limit: u32,
}

impl PageRequest {
    /// From the query; `page` defaults to 1, `limit` to `default`. 422 naming the
    /// parameter when either is out of range.
    pub fn new(page: Option<u32>, limit: Option<u32>, default: u32) -> Result<Self, AppError> {
        let (page, limit) = (page.unwrap_or(1), limit.unwrap_or(default));
        if !(1..=100).contains(&limit) {
            return Err(AppError::field("limit", "limit must be between 1 and 100"));
        }
        if !(1..=MAX_PAGE).contains(&page) {
            return Err(AppError::field("page", format!("page must be between 1 and {MAX_PAGE}")));
        }
        Ok(PageRequest { page, limit })
    }

    /// Rows to skip.
    pub fn offset(self) -> u64 {
        u64::from(self.page - 1) * u64::from(self.limit)
    }

    /// The envelope's pagination for `total` matching rows.
    pub fn pagination(self, total: i64) -> Pagination {
        let total_pages = (total + i64::from(self.limit) - 1) / i64::from(self.limit);
        Pagination { page: self.page, limit: self.limit, total, total_pages, total_capped: false, next_cursor: None }
    }
}
