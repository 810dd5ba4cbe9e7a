//! Catalog texts may mark emphasis with `**…**`; this renders it as `<strong>` and
//! everything else as plain text (never as HTML).

use leptos::prelude::*;

/// Splits `text` into (is_strong, part) runs on `**` markers.
fn runs(text: &str) -> Vec<(bool, String)> {
    text.split("**")
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| (i % 2 == 1, part.to_owned()))
        .collect()
}

/// Text with `**strong**` runs.
#[component]
pub fn RichText(#[prop(into)] text: String) -> impl IntoView {
    runs(&text)
        .into_iter()
        .map(|(strong, part)| if strong { view! { <strong>{part}</strong> }.into_any() } else { part.into_any() })
        .collect_view()
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn splits_on_markers() {
        assert_eq!(
            runs("A laptop. **Needs approval.**"),
            vec![(false, "A laptop. ".to_owned()), (true, "Needs approval.".to_owned())]
        );
        assert_eq!(runs("plain"), vec![(false, "plain".to_owned())]);
    }
}
