//! Ferrodesk single-page app: Leptos (client-side rendered) compiled to wasm32 and
//! served as a static bundle. At start it reads `/config.json` for the API origin,
//! restores the session with a silent refresh, then routes between the screens.

pub mod api;
pub mod app;
pub mod auth;
pub mod components;
pub mod config;
pub mod endpoints;
pub mod format;
pub mod forms;
pub mod pages;

use wasm_bindgen::prelude::wasm_bindgen;

/// Entry point run by `init()` in `index.html`: mounts the app on `<body>`.
#[wasm_bindgen(start)]
pub fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(app::App);
}
