//! The signed-in session: the user in a signal (the access token itself stays in
//! [`crate::api`], in memory only; the refresh token is an httpOnly cookie).

use leptos::prelude::*;
use shared_types::{Role, TokenResponse, User};

use crate::api::{self, ApiResult};
use crate::endpoints;

/// Who is signed in. Provided as context by the app root; copy it freely.
#[derive(Debug, Clone, Copy)]
pub struct Session {
    user: RwSignal<Option<User>>,
    /// Changes only on sign-in and sign-out, so renaming the user does not re-run
    /// the route guards (which would rebuild the page).
    signed_in: Memo<bool>,
}

impl Session {
    /// Creates the session, provides it as context and lets the API layer end it when
    /// a refresh fails.
    pub fn provide() -> Self {
        let user = RwSignal::new(None::<User>);
        let session = Self { user, signed_in: Memo::new(move |_| user.with(Option::is_some)) };
        provide_context(session);
        api::on_session_lost(move || session.user.set(None));
        session
    }

    /// The session provided by the app root.
    pub fn get() -> Self {
        expect_context::<Self>()
    }

    /// The signed-in user (tracked).
    pub fn user(&self) -> Option<User> {
        self.user.get()
    }

    /// The signed-in user without subscribing.
    pub fn user_untracked(&self) -> Option<User> {
        self.user.get_untracked()
    }

    /// True when someone is signed in (tracked).
    pub fn signed_in(&self) -> bool {
        self.signed_in.get()
    }

    /// Tries a silent `POST /auth/refresh` with the cookie; true when it worked.
    pub async fn restore(self) -> bool {
        match api::refresh().await {
            Ok(tokens) => {
                self.user.set(Some(tokens.user));
                true
            }
            Err(_) => false,
        }
    }

    /// Signs in with e-mail and password.
    pub async fn login(self, email: String, password: String) -> ApiResult<User> {
        let tokens = endpoints::login(email, password).await?;
        Ok(self.adopt(tokens))
    }

    /// Takes over the tokens of a sign-in that happened elsewhere (sign-up, accepting
    /// an invitation): the access token goes to the API layer, the user here.
    pub fn adopt(self, tokens: TokenResponse) -> User {
        api::set_token(Some(tokens.access_token));
        self.user.set(Some(tokens.user.clone()));
        tokens.user
    }

    /// Shows a changed name (after the profile was saved) without signing in again.
    pub fn rename(self, name: String) {
        self.user.update(|u| {
            if let Some(u) = u {
                u.name = name;
            }
        });
    }

    /// Revokes the refresh cookie (best effort) and forgets the user and token.
    pub async fn logout(self) {
        // Signing out locally must work even when the server cannot be reached.
        let _ = endpoints::logout().await;
        api::set_token(None);
        self.user.set(None);
    }
}

/// Where a role lands after signing in.
pub fn home_path(role: Role) -> &'static str {
    match role {
        Role::Requester => "/catalog",
        Role::Technician | Role::Admin => "/queue",
        Role::Manager => "/approvals",
    }
}

/// Whether the signed-in user's role may do `action` on `resource` at all, by the
/// grant table the API enforces (`shared_types::grants`): a control the API would
/// answer with 403 is not shown. Row decisions (which ticket, which department's item)
/// come from the API with the row.
pub fn may(resource: shared_types::grants::Resource, action: shared_types::grants::Action) -> bool {
    Session::get().user_untracked().is_some_and(|u| shared_types::grants::grant(u.role, resource, action).is_some())
}

/// Every role, in order of reach.
pub const ROLES: [Role; 4] = [Role::Requester, Role::Technician, Role::Manager, Role::Admin];

/// A role as people read it.
pub fn role_label(role: Role) -> &'static str {
    match role {
        Role::Requester => "Requester",
        Role::Technician => "Technician",
        Role::Manager => "Manager",
        Role::Admin => "Administrator",
    }
}
