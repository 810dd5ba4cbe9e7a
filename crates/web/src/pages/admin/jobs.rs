//! `/admin/jobs`: background jobs (e-mail delivery now, more later): what waits, runs,
//! was done, or died; a dead job can be run again.

use leptos::prelude::*;
use shared_types::grants::{Action, Resource};
use shared_types::BackgroundJob;

use super::AdminFrame;
use crate::auth::may;
use crate::components::{resource_view, EmptyState, NumberPager};
use crate::endpoints;
use crate::format;

/// Rows per page.
const PAGE_SIZE: u32 = 25;

/// Job states, as (value, label).
const STATUSES: [(&str, &str); 4] =
    [("dead", "Failed"), ("ready", "Waiting"), ("running", "Running"), ("done", "Done")];

/// The background-jobs screen.
#[component]
pub fn BackgroundJobs() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/jobs" title="Background jobs" lead="Work Ferrodesk does after a request has been answered, such as sending e-mail. Failed jobs can be run again.">
            <Jobs />
        </AdminFrame>
    }
}

#[component]
fn Jobs() -> impl IntoView {
    let status = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let jobs = LocalResource::new(move || endpoints::jobs(status.get(), page.get(), PAGE_SIZE));
    let options = STATUSES.map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view();
    view! {
        <div class="toolbar">
            <div class="field-inline">
                <label for="job-status">"Status"</label>
                <select id="job-status" prop:value=move || status.get()
                    on:change=move |ev| { page.set(1); status.set(event_target_value(&ev)); }>
                    <option value="">"All"</option>
                    {options}
                </select>
            </div>
            <button type="button" class="btn btn-quiet" on:click=move |_| jobs.refetch()>"Refresh"</button>
        </div>
        {resource_view(jobs, move |result| {
            if result.items.is_empty() {
                return view! { <EmptyState title="No jobs" /> }.into_any();
            }
            // A job run again leaves the "Failed" view: show every job, so it stays in sight.
            let retried = move || {
                page.set(1);
                if status.get_untracked().is_empty() { jobs.refetch() } else { status.set(String::new()) }
            };
            let items = result.items.into_iter().map(|job| view! { <JobItem job on_retried=retried /> }).collect_view();
            view! {
                <ul class="mail-list">{items}</ul>
                <NumberPager page pagination=result.pagination noun=("job", "jobs") />
            }
            .into_any()
        })}
    }
}

/// A status value as people read it.
fn status_label(status: &str) -> &str {
    STATUSES.iter().find(|(v, _)| *v == status).map_or(status, |(_, l)| l)
}

/// What a job does, as people read it.
fn kind_label(kind: &str) -> &str {
    match kind {
        "mail.send" => "Send e-mail",
        other => other,
    }
}

#[component]
fn JobItem(job: BackgroundJob, on_retried: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = job.id;
    let retry = move |_| {
        busy.set(true);
        let on_retried = on_retried.clone();
        leptos::task::spawn_local(async move {
            match endpoints::retry_job(id).await {
                Ok(_) => on_retried(),
                Err(f) => error.set(Some(f.message)),
            }
            busy.set(false);
        });
    };
    let retry_button = (job.status == "dead" && may(Resource::Jobs, Action::Update)).then(|| {
        view! { <button type="button" class="btn btn-small" disabled=move || busy.get() on:click=retry>"Run again"</button> }
    });
    let when = job.finished_at.unwrap_or(job.run_at);
    let last_error = job.last_error.clone().map(|e| view! { <p class="field-error">{format!("Last error: {e}")}</p> });
    view! {
        <li class="card mail-item">
            <div class="mail-meta">
                <span class="mail-subject">{kind_label(&job.kind).to_owned()}</span>
                <span class=format!("tag job-{}", job.status)>{status_label(&job.status).to_owned()}</span>
                <time datetime=format::iso(when)>{format::datetime(when)}</time>
                {retry_button}
            </div>
            <p class="muted small">{format!("{} of {} attempts · {}", job.attempts, job.max_attempts, job.payload)}</p>
            {last_error}
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
        </li>
    }
}
