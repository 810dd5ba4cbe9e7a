//! Accounts: sign-up, invitations, password resets, the caller's profile, sessions
//! and API keys.

use shared_types::{
    ApiKey, ChangePasswordRequest, CreateApiKeyRequest, CreatedApiKey, Invitation, InvitationRequest,
    PasswordResetRequest, Profile, RegisterRequest, Session, TokenPasswordRequest, TokenResponse, UpdateProfileRequest,
};
use uuid::Uuid;

use crate::api::{self, ApiResult};

/// `POST /auth/register`: a new organisation and its first admin, signed in.
pub async fn register(request: RegisterRequest) -> ApiResult<TokenResponse> {
    api::post("/auth/register", &request).await
}

/// `POST /invitations` (admin): e-mails a link to set a password.
pub async fn invite(request: InvitationRequest) -> ApiResult<Invitation> {
    api::post("/invitations", &request).await
}

/// `POST /auth/accept-invitation`: sets the password and signs in.
pub async fn accept_invitation(token: String, password: String) -> ApiResult<TokenResponse> {
    api::post("/auth/accept-invitation", &TokenPasswordRequest { token, password }).await
}

/// `POST /auth/request-password-reset` (the same answer whether or not the address exists).
pub async fn request_password_reset(email: String) -> ApiResult<()> {
    api::post_no_content("/auth/request-password-reset", &PasswordResetRequest { email }).await
}

/// `POST /auth/reset-password`.
pub async fn reset_password(token: String, password: String) -> ApiResult<()> {
    api::post_no_content("/auth/reset-password", &TokenPasswordRequest { token, password }).await
}

/// `GET /me/profile`.
pub async fn profile() -> ApiResult<Profile> {
    api::get("/me/profile").await
}

/// `PUT /me`.
pub async fn update_profile(request: UpdateProfileRequest) -> ApiResult<Profile> {
    api::put_json("/me", &request).await
}

/// `POST /me/password` (the caller's other sessions are signed out).
pub async fn change_password(request: ChangePasswordRequest) -> ApiResult<()> {
    api::post_no_content("/me/password", &request).await
}

/// `GET /me/sessions`.
pub async fn sessions() -> ApiResult<Vec<Session>> {
    api::get("/me/sessions").await
}

/// `DELETE /me/sessions/{id}`.
pub async fn revoke_session(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/me/sessions/{id}")).await
}

/// `GET /api-keys`.
pub async fn api_keys() -> ApiResult<Vec<ApiKey>> {
    api::get("/api-keys").await
}

/// `POST /api-keys`: the answer holds the whole key, the only time it is shown.
pub async fn create_api_key(request: CreateApiKeyRequest) -> ApiResult<CreatedApiKey> {
    api::post("/api-keys", &request).await
}

/// `DELETE /api-keys/{id}`.
pub async fn revoke_api_key(id: Uuid) -> ApiResult<()> {
    api::delete(&format!("/api-keys/{id}")).await
}
