//! Comments on a ticket and the form to add one (staff choose public or internal).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Comment, CreateCommentRequest, Visibility};
use uuid::Uuid;

use super::NoticeSignal;
use crate::components::Tone;
use crate::endpoints;
use crate::format;

fn comment_view(comment: Comment) -> impl IntoView {
    let internal = comment.visibility == Visibility::Internal;
    view! {
        <li class="comment" class:comment-internal=internal>
            <div class="comment-head">
                <span class="comment-author">{comment.author.name.clone()}</span>
                {internal.then(|| view! { <span class="tag tag-internal">"Internal note"</span> })}
                <time class="muted" datetime=format::iso(comment.created_at) title=format::datetime(comment.created_at)>
                    {format::relative(comment.created_at)}
                </time>
            </div>
            <p class="prose">{comment.body.clone()}</p>
        </li>
    }
}

/// The thread and the add-comment form.
#[component]
pub fn Conversation(
    ticket_id: Uuid,
    comments: Vec<Comment>,
    staff: bool,
    reload: Callback<()>,
    notice: NoticeSignal,
) -> impl IntoView {
    let body = RwSignal::new(String::new());
    let visibility = RwSignal::new(Visibility::Public);
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let count = comments.len();
    let thread = if comments.is_empty() {
        view! { <p class="muted">"No comments yet."</p> }.into_any()
    } else {
        let items = comments.into_iter().map(comment_view).collect_view();
        view! { <ol class="comments">{items}</ol> }.into_any()
    };

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let text = body.get_untracked().trim().to_owned();
        if text.is_empty() {
            error.set(Some("Write a comment first.".into()));
            return;
        }
        error.set(None);
        busy.set(true);
        let request = CreateCommentRequest { body: text, visibility: visibility.get_untracked() };
        spawn_local(async move {
            match endpoints::add_comment(ticket_id, request).await {
                Ok(_) => {
                    notice.set(Some((Tone::Success, "Comment added.".into())));
                    reload.run(());
                }
                Err(f) => {
                    error.set(Some(f.message));
                    busy.set(false);
                }
            }
        });
    };

    let visibility_choice = staff.then(|| {
        let radio = move |value: Visibility, label: &'static str| {
            view! {
                <label class="check">
                    <input type="radio" name="comment-visibility" prop:checked=move || visibility.get() == value
                        on:change=move |_| visibility.set(value) />
                    {label}
                </label>
            }
        };
        view! {
            <fieldset class="field field-group inline">
                <legend>"Visibility"</legend>
                {radio(Visibility::Public, "Public reply")}
                {radio(Visibility::Internal, "Internal note (staff only)")}
            </fieldset>
        }
    });

    view! {
        <section class="card" aria-labelledby="comments-title">
            <h2 id="comments-title">{format!("Comments ({count})")}</h2>
            {thread}
            <form class="comment-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="comment-body">"Add a comment"</label>
                    <textarea id="comment-body" rows="3" bind:value=body aria-describedby="comment-error"
                        aria-invalid=move || error.with(Option::is_some).to_string()></textarea>
                    <p class="field-error" id="comment-error" role="alert" hidden=move || error.with(Option::is_none)>
                        {move || error.get().unwrap_or_default()}
                    </p>
                </div>
                {visibility_choice}
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Add comment"</button>
                </div>
            </form>
        </section>
    }
}
