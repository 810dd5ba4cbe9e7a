//! Offset paging for the administrative lists (`page`, `limit`): validation and the
//! `pagination` block of the envelope.

use shared_types::Pagination;

use crate::platform::error::AppError;

/// A validated page request: 1-based `page`, `limit` in 1..=100.
#[derive(Debug, Clone, Copy)]
pub struct PageRequest {
    pub page: u32,
    pub limit: u32,
}

impl PageRequest {
    /// From the query; `limit` defaults to `default`. 422 on `limit` out of range.
    pub fn new(page: Option<u32>, limit: Option<u32>, default: u32) -> Result<Self, AppError> {
        let limit = limit.unwrap_or(default);
        if !(1..=100).contains(&limit) {
            return Err(AppError::field("limit", "limit must be between 1 and 100"));
        }
        Ok(PageRequest { page: page.unwrap_or(1).max(1), limit })
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
