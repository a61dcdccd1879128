//! The exercise instructions, in our own words. The dashboard names (Applications, Create
//! Application, Machine to Machine Applications, Authorize, Settings) are kept exactly as the
//! Auth0 dashboard shows them, so learners can find them.

use yew::prelude::*;

/// A dashboard label, shown in bold as it appears on screen.
fn ui(label: &'static str) -> Html {
    html! { <span class="occ-ui">{ label }</span> }
}

/// A plain function rather than a component: it has no state, and a component type costs
/// WebAssembly of its own.
pub fn instructions(id_prefix: &str) -> Html {
    let heading = format!("{id_prefix}-steps-h");
    html! {
        <section class="occ-section occ-instructions" aria-labelledby={heading.clone()} data-section="instructions">
            <p>
                { "Here you get an access token with the OAuth 2.0 client credentials grant. No user \
                   takes part in this flow: a service proves who it is with its own client ID and \
                   secret, and the authorization server hands it a token for an API. You will make \
                   each request by hand so you can see what a library would do for you; writing \
                   code instead is fine too." }
            </p>
            <h3 id={heading}>{ "Steps" }</h3>
            <ol class="occ-steps" data-testid="steps">
                <li>
                    { "In the side menu of your Auth0 dashboard, open " }{ ui("Applications") }
                    { " and then " }{ ui("Applications") }{ " again." }
                </li>
                <li>
                    { "Select " }{ ui("Create Application") }{ ", give it a name and pick " }
                    { ui("Machine to Machine Applications") }{ " as its type." }
                </li>
                <li>
                    { "Auth0 now asks which API this application may call. Pick the API you \
                       created in the Getting Started exercise." }
                </li>
                <li>
                    { "Select " }{ ui("Authorize") }{ " to create the application, then open its " }
                    { ui("Settings") }{ " tab: your client ID and client secret are there. Keep \
                       the secret to yourself — anyone who has it can get tokens as your \
                       application." }
                </li>
                <li>
                    { "Find the token endpoint you looked up in the introduction exercise (for \
                       Auth0 it looks like " }<code>{ "https://YOUR-DOMAIN/oauth/token" }</code>
                    { "). Your notes or the introduction exercise have it." }
                </li>
                <li>
                    { "Because there is no user, there is no browser either: your machine sends a \
                       single POST request straight to the token endpoint. Fill in the form below \
                       and run the command it builds for your shell. It has no placeholders to \
                       replace, and it sends your API's identifier as the audience so the token is \
                       made for your API." }
                </li>
                <li>
                    { "If it worked, the server answers with JSON that holds an access token. \
                       Copy the entire response — every line, not only the access token — paste \
                       it under " }{ ui("Check your token response") }{ " and check your work." }
                </li>
            </ol>
        </section>
    }
}
