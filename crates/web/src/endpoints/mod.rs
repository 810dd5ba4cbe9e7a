//! The typed API calls the screens make, one function per endpoint, grouped by area.

mod account;
mod admin;
mod catalog;
mod desk;
mod directory;

pub use account::*;
pub use admin::*;
pub use catalog::*;
pub use desk::*;
pub use directory::*;

use crate::api::encode;

/// Builds a query string from the filters that are set; empty values are left out.
#[derive(Debug, Default)]
pub(crate) struct QueryString {
    parts: Vec<String>,
}

impl QueryString {
    /// Adds `key=value` (percent-encoded) unless `value` is blank.
    pub(crate) fn add(mut self, key: &str, value: impl AsRef<str>) -> Self {
        let value = value.as_ref().trim();
        if !value.is_empty() {
            self.parts.push(format!("{key}={}", encode(value)));
        }
        self
    }

    /// Adds `key=value` when `value` is `Some`.
    pub(crate) fn add_opt(self, key: &str, value: Option<impl ToString>) -> Self {
        match value {
            Some(v) => self.add(key, v.to_string()),
            None => self,
        }
    }

    /// `""` or `?a=1&b=2`.
    pub(crate) fn finish(self) -> String {
        if self.parts.is_empty() {
            String::new()
        } else {
            format!("?{}", self.parts.join("&"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::QueryString;

    #[test]
    fn leaves_out_blank_values_and_encodes() {
        assert_eq!(QueryString::default().add("q", "  ").finish(), "");
        let q = QueryString::default().add("q", " a&b ").add_opt("page", Some(2)).add_opt("limit", None::<u32>);
        assert_eq!(q.finish(), "?q=a%26b&page=2");
    }
}
