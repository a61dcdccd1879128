//! The exercise instructions, in our own words. The dashboard names (Applications, Create
//! Application, Machine to Machine Applications, Authorize, Settings) are kept exactly as the
//! Auth0 dashboard shows them, so learners can find them.
//!
//! The section never changes after it is shown, so it is one piece of static markup rather than
//! `html!`: yew then creates it with a single parse, skips it on every re-render, and the wasm
//! carries the text as data instead of code that builds forty virtual nodes (issue 8 measured
//! both). Nothing a learner types or pastes goes into it; the only value filled in is the id
//! prefix, which the widget makes itself (`occw` and a number).

use yew::prelude::*;

/// The markup with `{P}` standing for the id prefix. A dashboard label is a
/// `<span class="occ-ui">`, shown in bold as it appears on screen.
const MARKUP: &str = concat!(
    r#"<section class="occ-section occ-instructions" aria-labelledby="{P}-steps-h" data-section="instructions">"#,
    "<p>Here you get an access token with the OAuth 2.0 client credentials grant. No user takes \
     part in this flow: a service proves who it is with its own client ID and secret, and the \
     authorization server hands it a token for an API. You will make each request by hand so you \
     can see what a library would do for you; writing code instead is fine too.</p>",
    r#"<{H} class="occ-h-section" id="{P}-steps-h">Steps</{H}><ol class="occ-steps" data-testid="steps">"#,
    r#"<li>In the side menu of your Auth0 dashboard, open <span class="occ-ui">Applications</span> and then <span class="occ-ui">Applications</span> again.</li>"#,
    r#"<li>Select <span class="occ-ui">Create Application</span>, give it a name and pick <span class="occ-ui">Machine to Machine Applications</span> as its type.</li>"#,
    "<li>Auth0 now asks which API this application may call. Pick the API you created in the \
     Getting Started exercise.</li>",
    r#"<li>Select <span class="occ-ui">Authorize</span> to create the application, then open its <span class="occ-ui">Settings</span> tab: "#,
    "your client ID and client secret are there. Keep the secret to yourself — anyone who has it \
     can get tokens as your application.</li>",
    "<li>Find the token endpoint you looked up in the introduction exercise (for Auth0 it looks \
     like <code>https://YOUR-DOMAIN/oauth/token</code>). Your notes or the introduction exercise \
     have it.</li>",
    "<li>Because there is no user, there is no browser either: your machine sends a single POST \
     request straight to the token endpoint. Fill in the form below and run the command it \
     builds for your shell. It has no placeholders to replace, and it sends your API's \
     identifier as the audience so the token is made for your API.</li>",
    "<li>If it worked, the server answers with JSON that holds an access token. Copy the entire \
     response — every line, not only the access token — paste it under \
     <span class=\"occ-ui\">Check your token response</span> and check your work.</li>",
    "</ol></section>",
);

/// The instructions for the widget whose ids start with `id_prefix`, their heading a section
/// heading (`h2`…`h6`).
pub fn instructions(id_prefix: &str, section_tag: &str) -> Html {
    // The prefix is the widget's own `occw<n>`; anything else would be a bug, and is dropped
    // rather than put into markup.
    let prefix = if id_prefix
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    {
        id_prefix
    } else {
        "occw"
    };
    // The tag is one of the widget's own heading tags; anything else is a bug, kept out of markup.
    let tag = match section_tag {
        "h2" | "h3" | "h4" | "h5" | "h6" => section_tag,
        _ => "h3",
    };
    Html::from_html_unchecked(MARKUP.replace("{P}", prefix).replace("{H}", tag).into())
}
