//! Where a token's signing keys are looked for: on the host of the token endpoint the learner
//! entered, on the issuer's own host when the two hosts are a documented pair of one provider
//! ([`PAIRS`]), or on another host the token names only once the learner has chosen to trust it.
//!
//! The token never chooses on its own where its keys come from (RFC 8725 §3.10): a pair is
//! followed because the provider documents it, and any other host only after the learner saw it
//! named and pressed the button. Every fetch is still a GET without credentials of a discovery
//! document and of the key set it names, and `iss` must equal the issuer the document publishes
//! (RFC 8414 §3.3).

use super::jwks::{host_of, is_fetchable, on_host};

/// Two hosts that belong to one provider: the token endpoint on one, the issuer on the other.
pub struct Pair {
    pub provider: &'static str,
    /// The token endpoint's host, as the README's table shows it.
    pub endpoint: &'static str,
    /// The issuer's host (in `iss`).
    pub issuer: &'static str,
    /// Where the discovery document and the keys are fetched from.
    pub keys_on: &'static str,
    /// The plan for an endpoint URL and an `iss`, when they are this pair.
    plan: fn(&Parts, &Parts) -> Option<KeyPlan>,
}

/// The documented pairs (the README's "Keys on another host" table is written from this list).
pub const PAIRS: &[Pair] = &[
    Pair {
        provider: "Microsoft Entra ID (v1 tokens)",
        endpoint: "login.microsoftonline.com",
        issuer: "sts.windows.net",
        keys_on: "login.microsoftonline.com",
        plan: entra_v1,
    },
    Pair {
        provider: "Amazon Cognito",
        endpoint: "<prefix>.auth.<region>.amazoncognito.com",
        issuer: "cognito-idp.<region>.amazonaws.com",
        keys_on: "cognito-idp.<region>.amazonaws.com",
        plan: cognito,
    },
];

/// Where to look for the keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyPlan {
    /// The host the discovery document and the keys must be on.
    pub host: String,
    /// The discovery document's possible addresses on that host, in the order to try.
    pub candidates: Vec<String>,
    /// Why this host: the endpoint's own, a documented pair, or the learner's choice.
    pub via: Via,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The token's issuer is on the endpoint's host.
    Endpoint,
    /// A documented pair of hosts ([`PAIRS`]): the issuer the document publishes is the learner's.
    Pair(&'static str),
    /// The learner chose to trust the host the token names: its keys can verify the signature,
    /// but its issuer is not taken for the learner's (the issuer check keeps comparing with the
    /// endpoint entered).
    Trusted,
}

impl Via {
    /// Whether the issuer the discovery document publishes is the one `iss` must equal for the
    /// issuer check too (the endpoint's own host, or a documented pair).
    pub fn issuer_is_yours(self) -> bool {
        !matches!(self, Via::Trusted)
    }
}

/// Where the keys are looked for, or the host the token names when it is not followed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Plan {
    Fetch(KeyPlan),
    /// `iss` is on another host: explained, and offered as a choice, not followed.
    Elsewhere {
        iss_host: String,
        endpoint_host: String,
    },
}

/// The plan for the token endpoint `endpoint_url` (its discovery documents at
/// `endpoint_candidates`) and a token issued by `iss`; `trusted_host` is a host the learner chose
/// to trust. `None` when the endpoint has no host to fetch from.
pub fn plan(
    endpoint_url: &str,
    endpoint_candidates: &[String],
    iss: &str,
    trusted_host: Option<&str>,
) -> Option<Plan> {
    let endpoint_host = host_of(endpoint_url)?;
    if on_host(iss, &endpoint_host) {
        return Some(Plan::Fetch(KeyPlan {
            host: endpoint_host,
            candidates: endpoint_candidates.to_vec(),
            via: Via::Endpoint,
        }));
    }
    let (Some(ep), Some(is)) = (Parts::of(endpoint_url), Parts::of(iss)) else {
        return Some(elsewhere(iss, endpoint_host));
    };
    if let Some(mut p) = PAIRS.iter().find_map(|pair| (pair.plan)(&ep, &is)) {
        // The endpoint's own candidates come after the pair's, in case the document moved.
        if p.host == endpoint_host {
            p.candidates.extend(endpoint_candidates.iter().cloned());
        }
        return Some(Plan::Fetch(p));
    }
    let iss_host = host_of(iss);
    let trusted = iss_host.is_some() && iss_host.as_deref() == trusted_host && is_fetchable(iss);
    if trusted {
        return Some(Plan::Fetch(KeyPlan {
            host: is.host.clone(),
            candidates: issuer_candidates(&is),
            via: Via::Trusted,
        }));
    }
    Some(elsewhere(iss, endpoint_host))
}

fn elsewhere(iss: &str, endpoint_host: String) -> Plan {
    Plan::Elsewhere {
        iss_host: host_of(iss).unwrap_or_else(|| iss.to_string()),
        endpoint_host,
    }
}

/// The discovery document's addresses for an issuer, on its own host: the OpenID Connect form
/// `<issuer>/.well-known/openid-configuration`, then the RFC 8414 form.
fn issuer_candidates(is: &Parts) -> Vec<String> {
    let path = is.path.trim_end_matches('/');
    vec![
        format!("{}{path}/.well-known/openid-configuration", is.origin),
        format!("{}/.well-known/oauth-authorization-server{path}", is.origin),
    ]
}

/// An https (or local http) URL's origin, lower-case host and path.
#[derive(Debug)]
struct Parts {
    origin: String,
    host: String,
    path: String,
}

impl Parts {
    fn of(url: &str) -> Option<Parts> {
        let host = host_of(url)?;
        if !is_fetchable(url) {
            return None;
        }
        let (scheme, rest) = url.split_once("://")?;
        let after_host = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let path = rest.get(after_host..).unwrap_or("");
        let path = path.split(['?', '#']).next().unwrap_or("");
        Some(Parts {
            origin: format!("{}://{host}", scheme.to_ascii_lowercase()),
            host,
            path: path.to_string(),
        })
    }

    /// The first segment of the path (`/<tenant>/oauth2/token` → `<tenant>`).
    fn first_segment(&self) -> &str {
        self.path
            .trim_start_matches('/')
            .split('/')
            .next()
            .unwrap_or("")
    }
}

/// Entra ID: v1 tokens say `iss: https://sts.windows.net/<tenant>/` although they come from
/// `login.microsoftonline.com/<tenant>/…`; the tenant's v1 discovery document, on the endpoint's
/// host, names that issuer and lists the tenant's keys. The document is the one of the tenant in
/// the endpoint entered, so a token of another tenant does not match it.
fn entra_v1(ep: &Parts, is: &Parts) -> Option<KeyPlan> {
    if ep.host != "login.microsoftonline.com" || is.host != "sts.windows.net" {
        return None;
    }
    let tenant = ep.first_segment();
    // A tenant ID or domain name; `common` and the like name no tenant, and their documents'
    // issuer (a template) will not match.
    let tenant_ok = !tenant.is_empty()
        && tenant
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.');
    if !tenant_ok {
        return None;
    }
    Some(KeyPlan {
        host: ep.host.clone(),
        candidates: vec![format!(
            "{}/{tenant}/.well-known/openid-configuration",
            ep.origin
        )],
        via: Via::Pair("Microsoft Entra ID (v1 tokens)"),
    })
}

/// Amazon Cognito: the token endpoint is on the user pool's domain
/// (`<prefix>.auth.<region>.amazoncognito.com`), the issuer, its discovery document and its keys
/// on `cognito-idp.<region>.amazonaws.com/<region>_<pool>`; the regions must agree.
fn cognito(ep: &Parts, is: &Parts) -> Option<KeyPlan> {
    let (_, after) = ep.host.split_once(".auth.")?;
    let region = after.strip_suffix(".amazoncognito.com")?;
    let iss_region = is
        .host
        .strip_prefix("cognito-idp.")?
        .strip_suffix(".amazonaws.com")?;
    let pool = is.first_segment();
    let pool_ok = pool
        .split_once('_')
        .is_some_and(|(r, id)| r == region && !id.is_empty());
    let region_ok = !region.is_empty()
        && region == iss_region
        && region
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    (region_ok && pool_ok && is.path.trim_end_matches('/') == format!("/{pool}")).then(|| KeyPlan {
        host: is.host.clone(),
        candidates: vec![format!(
            "{}/{pool}/.well-known/openid-configuration",
            is.origin
        )],
        via: Via::Pair("Amazon Cognito"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fetch(p: Option<Plan>) -> KeyPlan {
        match p {
            Some(Plan::Fetch(k)) => k,
            other => panic!("not fetched: {other:?}"),
        }
    }

    #[test]
    fn the_endpoint_host_first() {
        let p = fetch(plan(
            "https://dev-abc123.us.auth0.com/oauth/token",
            &["https://dev-abc123.us.auth0.com/.well-known/openid-configuration".into()],
            "https://dev-abc123.us.auth0.com/",
            None,
        ));
        assert_eq!(p.via, Via::Endpoint);
        assert_eq!(p.candidates.len(), 1);
    }

    #[test]
    fn entra_v1_issuer_uses_the_endpoint_tenant_document() {
        let t = "8f3c2d1e-1111-2222-3333-444455556666";
        let p = fetch(plan(
            &format!("https://login.microsoftonline.com/{t}/oauth2/v2.0/token"),
            &[],
            &format!("https://sts.windows.net/{t}/"),
            None,
        ));
        assert_eq!(p.host, "login.microsoftonline.com");
        assert_eq!(
            p.candidates[0],
            format!("https://login.microsoftonline.com/{t}/.well-known/openid-configuration")
        );
        assert!(p.via.issuer_is_yours());
    }

    #[test]
    fn cognito_follows_the_issuer_host_of_the_same_region_only() {
        let iss = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEfGhI";
        let p = fetch(plan(
            "https://my-app.auth.eu-west-1.amazoncognito.com/oauth2/token",
            &[],
            iss,
            None,
        ));
        assert_eq!(p.host, "cognito-idp.eu-west-1.amazonaws.com");
        assert_eq!(
            p.candidates,
            [format!("{iss}/.well-known/openid-configuration")]
        );
        let other_region = plan(
            "https://my-app.auth.us-east-1.amazoncognito.com/oauth2/token",
            &[],
            iss,
            None,
        );
        assert!(matches!(other_region, Some(Plan::Elsewhere { .. })));
    }

    #[test]
    fn another_host_only_with_the_learners_choice() {
        let ep = "https://login.example.org/oauth/token";
        let iss = "https://issuer.example.net/realms/x";
        assert_eq!(
            plan(ep, &[], iss, None),
            Some(Plan::Elsewhere {
                iss_host: "issuer.example.net".into(),
                endpoint_host: "login.example.org".into()
            })
        );
        let p = fetch(plan(ep, &[], iss, Some("issuer.example.net")));
        assert_eq!(p.via, Via::Trusted);
        assert!(!p.via.issuer_is_yours());
        assert_eq!(
            p.candidates[0],
            "https://issuer.example.net/realms/x/.well-known/openid-configuration"
        );
        // Trust in one host is not trust in another, nor in plain http.
        assert!(matches!(
            plan(ep, &[], iss, Some("other.example.net")),
            Some(Plan::Elsewhere { .. })
        ));
        assert!(matches!(
            plan(
                ep,
                &[],
                "http://issuer.example.net/",
                Some("issuer.example.net")
            ),
            Some(Plan::Elsewhere { .. })
        ));
    }
}
