//! Markdown of catalog descriptions, rendered safely: `pulldown-cmark` events become a
//! small tree of known elements. Raw HTML (blocks and inline) is shown as the text it
//! is, never parsed; links keep only `http(s)://` and `mailto:` targets (others become
//! plain text); images show their alt text; headings are demoted below the page's.

use leptos::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};

/// An element the renderer knows.
#[derive(Debug, Clone, PartialEq)]
pub enum El {
    Paragraph,
    /// `h3`..`h5` (Markdown `#` becomes `h3`).
    Heading(u8),
    List,
    /// An ordered list starting at the number.
    OrderedList(u64),
    Item,
    Strong,
    Emphasis,
    Strike,
    Quote,
    CodeBlock,
    Link(String),
    /// Children only (unsafe links, images, anything unknown).
    Group,
}

/// A node of the rendered tree.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Text(String),
    Code(String),
    Break,
    Rule,
    Element(El, Vec<Node>),
}

/// True for targets a description may link to.
pub fn safe_href(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

fn element(tag: Tag<'_>) -> El {
    match tag {
        Tag::Paragraph => El::Paragraph,
        Tag::Heading { level, .. } => El::Heading((level as u8 + 2).min(5)),
        Tag::List(None) => El::List,
        Tag::List(Some(start)) => El::OrderedList(start),
        Tag::Item => El::Item,
        Tag::Strong => El::Strong,
        Tag::Emphasis => El::Emphasis,
        Tag::Strikethrough => El::Strike,
        Tag::BlockQuote(_) => El::Quote,
        Tag::CodeBlock(_) => El::CodeBlock,
        Tag::Link { dest_url, .. } if safe_href(&dest_url) => El::Link(dest_url.trim().to_owned()),
        _ => El::Group,
    }
}

/// Parses `text` into the tree (raw HTML kept as text).
pub fn parse(text: &str) -> Vec<Node> {
    let mut stack: Vec<(El, Vec<Node>)> = vec![(El::Group, Vec::new())];
    for event in Parser::new_ext(text, Options::ENABLE_STRIKETHROUGH) {
        let node = match event {
            Event::Start(tag) => {
                stack.push((element(tag), Vec::new()));
                continue;
            }
            Event::End(_) => {
                let Some((el, children)) = stack.pop() else { continue };
                Node::Element(el, children)
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => Node::Text(t.into_string()),
            Event::Code(t) => Node::Code(t.into_string()),
            Event::SoftBreak => Node::Text(" ".into()),
            Event::HardBreak => Node::Break,
            Event::Rule => Node::Rule,
            _ => continue,
        };
        match stack.last_mut() {
            Some((_, children)) => children.push(node),
            None => stack.push((El::Group, vec![node])),
        }
    }
    // Close anything left open, innermost first.
    while stack.len() > 1 {
        let (el, children) = stack.pop().unwrap_or((El::Group, Vec::new()));
        if let Some((_, parent)) = stack.last_mut() {
            parent.push(Node::Element(el, children));
        }
    }
    stack.pop().map(|(_, nodes)| nodes).unwrap_or_default()
}

/// The text alone, for one-line summaries (cards, search hits).
pub fn plain_text(text: &str) -> String {
    fn walk(nodes: &[Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Text(t) | Node::Code(t) => out.push_str(t),
                Node::Break | Node::Rule => out.push(' '),
                Node::Element(el, children) => {
                    walk(children, out);
                    if matches!(el, El::Paragraph | El::Heading(_) | El::Item | El::CodeBlock) {
                        out.push(' ');
                    }
                }
            }
        }
    }
    let mut out = String::new();
    walk(&parse(text), &mut out);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn render(nodes: Vec<Node>) -> AnyView {
    nodes.into_iter().map(render_node).collect_view().into_any()
}

fn render_node(node: Node) -> AnyView {
    let (el, children) = match node {
        Node::Text(t) => return t.into_any(),
        Node::Code(t) => return view! { <code>{t}</code> }.into_any(),
        Node::Break => return view! { <br /> }.into_any(),
        Node::Rule => return view! { <hr /> }.into_any(),
        Node::Element(el, children) => (el, children),
    };
    let inner = render(children);
    match el {
        El::Paragraph => view! { <p>{inner}</p> }.into_any(),
        El::Heading(3) => view! { <h3>{inner}</h3> }.into_any(),
        El::Heading(4) => view! { <h4>{inner}</h4> }.into_any(),
        El::Heading(_) => view! { <h5>{inner}</h5> }.into_any(),
        El::List => view! { <ul>{inner}</ul> }.into_any(),
        El::OrderedList(start) => view! { <ol start=start.to_string()>{inner}</ol> }.into_any(),
        El::Item => view! { <li>{inner}</li> }.into_any(),
        El::Strong => view! { <strong>{inner}</strong> }.into_any(),
        El::Emphasis => view! { <em>{inner}</em> }.into_any(),
        El::Strike => view! { <del>{inner}</del> }.into_any(),
        El::Quote => view! { <blockquote>{inner}</blockquote> }.into_any(),
        El::CodeBlock => view! { <pre><code>{inner}</code></pre> }.into_any(),
        El::Link(href) => view! { <a href=href rel="noopener noreferrer nofollow">{inner}</a> }.into_any(),
        El::Group => inner,
    }
}

/// Markdown rendered as elements (never as HTML) in a `div.markdown`.
#[component]
pub fn Markdown(#[prop(into)] text: String) -> impl IntoView {
    view! { <div class="markdown">{render(parse(&text))}</div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> Node {
        Node::Text(t.into())
    }

    #[test]
    fn raw_html_stays_text() {
        let nodes = parse("Hi <script>alert(1)</script> **there**");
        assert_eq!(
            nodes,
            vec![Node::Element(
                El::Paragraph,
                vec![
                    text("Hi "),
                    text("<script>"),
                    text("alert(1)"),
                    text("</script>"),
                    text(" "),
                    Node::Element(El::Strong, vec![text("there")])
                ]
            )]
        );
        let block = parse("<div onclick=\"x()\">hi</div>");
        assert!(matches!(&block[0], Node::Element(El::Group, c) if c.iter().all(|n| matches!(n, Node::Text(_)))));
    }

    #[test]
    fn only_web_and_mail_links_survive() {
        let nodes =
            parse("[a](https://x.example) [b](javascript:alert(1)) [c](MAILTO:it@x.example) ![img](http://i/x.png)");
        let Node::Element(El::Paragraph, children) = &nodes[0] else { panic!("{nodes:?}") };
        assert_eq!(children[0], Node::Element(El::Link("https://x.example".into()), vec![text("a")]));
        assert_eq!(children[2], Node::Element(El::Group, vec![text("b")]));
        assert_eq!(children[4], Node::Element(El::Link("MAILTO:it@x.example".into()), vec![text("c")]));
        assert_eq!(children[6], Node::Element(El::Group, vec![text("img")]));
    }

    #[test]
    fn lists_headings_and_summaries() {
        let md = "# Title\n\n- one\n- two\n\n3. three\n\nSee `code`.";
        let nodes = parse(md);
        assert!(matches!(nodes[0], Node::Element(El::Heading(3), _)));
        assert!(matches!(nodes[1], Node::Element(El::List, _)));
        assert!(matches!(nodes[2], Node::Element(El::OrderedList(3), _)));
        assert_eq!(plain_text(md), "Title one two three See code.");
        assert_eq!(plain_text("A laptop. **Needs approval.**"), "A laptop. Needs approval.");
    }
}
