//! The password policy of OWASP ASVS 5.0 (V6.2): at least 8 characters, up to 128
//! allowed (ASVS asks for at least 64), no composition rules, and never one of the
//! common passwords shipped in `crates/api/data/common-passwords.txt` (V6.2.4).

use std::collections::HashSet;
use std::sync::OnceLock;

use shared_types::check_password_length;

use crate::platform::error::AppError;

const COMMON: &str = include_str!("../../data/common-passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| COMMON.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect())
}

/// Whether `password` is on the common-password list (case-insensitively).
pub fn is_common(password: &str) -> bool {
    common().contains(password.to_lowercase().as_str())
}

/// Checks a new password; `field` names it in the 422 details (`password`,
/// `newPassword`).
pub fn check(field: &str, password: &str) -> Result<(), AppError> {
    check_password_length(password).map_err(|m| AppError::field(field, m))?;
    if is_common(password) {
        return Err(AppError::field(field, "This password is too common; choose another"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_loaded_and_checked_case_insensitively() {
        assert!(common().len() > 10_000);
        assert!(is_common("password") && is_common("PassWord") && is_common("12345678"));
        assert!(!is_common("ferrodesk-demo-2026"));
    }

    #[test]
    fn length_then_list() {
        assert_eq!(check("password", "abc").map_err(|e| e.code()), Err(shared_types::ErrorCode::ValidationError));
        assert!(check("password", "baseball").is_err(), "common");
        assert!(check("password", "correct horse battery staple").is_ok());
        assert!(check("password", &"é".repeat(100)).is_ok(), "long passphrases are allowed");
    }
}
