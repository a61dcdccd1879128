//! What an HTTP error status from a token endpoint means, and what to do: one entry a status,
//! read by every rule that explains a status without a JSON body.

/// A status's meaning and fix.
pub(crate) struct StatusMeaning {
    pub meaning: &'static str,
    pub fix: &'static str,
}

/// `(lowest, highest, meaning)`, in order; the first range holding the code applies.
const MEANINGS: &[(u16, u16, StatusMeaning)] = &[
    (
        400,
        400,
        StatusMeaning {
            meaning: "HTTP status 400 means the server could not use the request: a parameter is missing or malformed.",
            fix: "Compare your command with the one generated above, which sends every parameter as a form.",
        },
    ),
    (
        401,
        401,
        StatusMeaning {
            meaning: "HTTP status 401 means the server did not accept the client's credentials: the client ID or secret is wrong, or they went in the wrong place (the body or HTTP Basic).",
            fix: "Copy the client ID and secret again from the application's Settings tab, and use the command generated above.",
        },
    ),
    (
        403,
        403,
        StatusMeaning {
            meaning: "HTTP status 403 means the server refused this client: it may not be allowed this grant or this API.",
            fix: "On Auth0, authorize the application for the API (Applications → APIs → your API → Machine to Machine Applications tab).",
        },
    ),
    (
        404,
        404,
        StatusMeaning {
            meaning: "HTTP status 404 means nothing is at that address: the token endpoint's path is wrong.",
            fix: "Use your token endpoint exactly (for Auth0, https://YOUR-DOMAIN/oauth/token).",
        },
    ),
    (
        405,
        405,
        StatusMeaning {
            meaning: "HTTP status 405 means the method is wrong: a token request is a POST.",
            fix: "Send a POST with the form data, as the command above does.",
        },
    ),
    (
        415,
        415,
        StatusMeaning {
            meaning: "HTTP status 415 means the server refused the body's format: the Content-Type does not match the body.",
            fix: "Send the parameters as a form (`-d name=value`), as the command above does.",
        },
    ),
    (
        429,
        429,
        StatusMeaning {
            meaning: "HTTP status 429 means too many requests: the server limits how often a client asks.",
            fix: "Wait a minute, then send the request once.",
        },
    ),
    (
        500,
        599,
        StatusMeaning {
            meaning: "An HTTP status of 500 or more means the server had a problem of its own.",
            fix: "Wait a moment and send the request again; if it keeps failing, check the provider's status page.",
        },
    ),
];

/// What `code` means from a token endpoint, when it is an error status this table explains.
pub(crate) fn meaning(code: u16) -> Option<&'static StatusMeaning> {
    MEANINGS
        .iter()
        .find(|(low, high, _)| (*low..=*high).contains(&code))
        .map(|(_, _, m)| m)
}

/// The meaning of the HTTP status written right after `marker` in `text` (`… status code 401`).
pub(crate) fn after(text: &str, marker: &str) -> Option<&'static StatusMeaning> {
    let (_, rest) = text.split_once(marker)?;
    rest.get(..3)?.parse().ok().and_then(meaning)
}
