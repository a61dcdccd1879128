//! The scenarios, run one after another in one browser session; each opens a fresh page and goes
//! through it as a learner would. A failing scenario is reported and the next one still runs.

use std::cell::RefCell;
use std::future::Future;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use fantoccini::Client;
use serde_json::{json, Value};

use crate::b64;
use crate::browser::{self, cdp, js, wait_js, Ctx, Widget, R};

/// The first (or only) widget of a page.
const FIRST: &str = "[data-oauth-cc-widget]";

pub struct Cx {
    pub c: Client,
    srv: Value,
    root: PathBuf,
    dist: PathBuf,
    artifacts: PathBuf,
    dist_files: Vec<String>,
    scenario: RefCell<String>,
    /// (scenario, console entry)
    console: RefCell<Vec<(String, Value)>>,
    /// (scenario, method, url)
    network: RefCell<Vec<(String, String, String)>>,
    /// Every client secret used in the run (the server's and the wrong one).
    secrets: RefCell<Vec<String>>,
    /// Every access token seen in the run.
    tokens: RefCell<Vec<String>>,
    /// (scenario, origin of the token endpoint the learner typed or the host configured): the
    /// only hosts besides the site that the page may contact in that scenario.
    issuers: RefCell<Vec<(String, String)>>,
}

/// Runs every scenario; returns (passed, failed).
pub async fn run_all(cx: &Cx, limit: Duration) -> (usize, usize) {
    let mut results: Vec<(&str, R, Duration)> = Vec::new();
    macro_rules! scenario {
        ($name:expr, $f:expr) => {{
            let name: &str = $name;
            println!("\n[e2e] ── {name}");
            let t = Instant::now();
            let r = cx.run(name, limit, $f).await;
            match &r {
                Ok(()) => println!("[e2e]    ok ({:.1} s)", t.elapsed().as_secs_f64()),
                Err(e) => println!("[e2e]    FAILED ({:.1} s): {e}", t.elapsed().as_secs_f64()),
            }
            results.push((name, r, t.elapsed()));
        }};
    }
    scenario!(
        "site: dist/ under a sub-path with the strict CSP",
        site_under_csp(cx)
    );
    scenario!(
        "site: says it is loading, and what to do when the wasm cannot load",
        loading_then_cannot_start(cx)
    );
    scenario!("1 Auth0-shaped client, bash, body → pass", auth0_pass(cx));
    scenario!("2 RFC 9068 client, HTTP Basic → pass", basic_pass(cx));
    scenario!(
        "3 wrong secret → 401 body → error-response",
        wrong_secret(cx)
    );
    scenario!(
        "4 Auth0-shaped, no audience → opaque token → fail",
        no_audience(cx)
    );
    scenario!("5 tampered token → signature fails", tampered(cx));
    scenario!("6 curl -i output → body extracted → pass", curl_i(cx));
    scenario!(
        "7 key fetch refused (no CORS) → paste the keys → pass",
        keys_fallback(cx)
    );
    scenario!(
        "fixture: discovery answers 404",
        fixture(cx, "notfound", &["404"])
    );
    scenario!(
        "fixture: discovery answers an HTML page",
        fixture(cx, "html", &["html"])
    );
    scenario!(
        "fixture: discovery never answers (timeout)",
        fixture(
            cx,
            "slow",
            &["time", "too long", "did not answer", "no answer"]
        )
    );
    scenario!(
        "fixture: the issuer's server is down",
        fixture(
            cx,
            "stopped",
            &[
                "could not",
                "reach",
                "network",
                "blocked",
                "connect",
                "fail"
            ]
        )
    );
    scenario!(
        "keys on another host: Entra ID v1 token (sts.windows.net) → pass",
        paired_host(cx, "entra", "https://login.microsoftonline.com")
    );
    scenario!(
        "keys on another host: Amazon Cognito (cognito-idp) → pass",
        paired_host(cx, "cognito", "https://cognito-idp.eu-west-1.amazonaws.com")
    );
    scenario!(
        "keys on another host: any other host only after the learner's choice",
        chosen_host(cx)
    );
    scenario!(
        "Windows: each shell's error text names its cause",
        windows_texts(cx)
    );
    scenario!(
        "safety: HTML in error_description renders as text",
        hostile_error(cx)
    );
    scenario!(
        "safety: HTML in a token claim renders as text",
        hostile_claim(cx)
    );
    scenario!("host snippet: two widgets on one page", host_page(cx));
    scenario!(
        "explainer: a host page in another folder, strict CSP → pass through the worker",
        through_the_worker(cx)
    );
    scenario!(
        "explainer: the widget's files on another origin → pass in the page, styled",
        files_on_another_origin(cx)
    );
    scenario!(
        "explainer: Check pressed before the worker is ready → answered",
        check_before_ready(cx)
    );
    scenario!(
        "explainer: the worker cannot load → the page runs it",
        worker_cannot_load(cx)
    );
    scenario!(
        "explainer: nothing loads → the widget says so, the form still works",
        explainer_unavailable(cx)
    );
    scenario!(
        "lesson page: Bootstrap's stylesheet does not restyle the widget",
        bootstrap_isolation(cx)
    );
    scenario!(
        "lesson page: the theme follows the page, data-theme overrides it",
        theme_follows_the_host(cx)
    );
    scenario!("accessibility: axe-core, light and dark", accessibility(cx));
    scenario!(
        "privacy: network, console and storage over the whole run",
        privacy(cx)
    );

    println!("\n[e2e] summary");
    for (name, r, t) in &results {
        let mark = if r.is_ok() { "ok    " } else { "FAILED" };
        println!("[e2e]   {mark} {name} ({:.1} s)", t.as_secs_f64());
    }
    let failed = results.iter().filter(|(_, r, _)| r.is_err()).count();
    (results.len() - failed, failed)
}

impl Cx {
    pub fn new(c: Client, srv: Value, root: PathBuf, dist: PathBuf, artifacts: PathBuf) -> Cx {
        let dist_files = crate::dist_files(&dist);
        let mut secrets = Vec::new();
        for p in [
            "/auth0/client",
            "/generic/post",
            "/generic/basic",
            "/generic/hostile",
            "/nocors/client",
        ] {
            if let Some(s) = srv
                .pointer(&format!("{p}/client_secret"))
                .and_then(Value::as_str)
            {
                secrets.push(s.to_string());
            }
        }
        Cx {
            c,
            srv,
            root,
            dist,
            artifacts,
            dist_files,
            scenario: RefCell::new(String::new()),
            console: RefCell::new(Vec::new()),
            network: RefCell::new(Vec::new()),
            secrets: RefCell::new(secrets),
            tokens: RefCell::new(Vec::new()),
            issuers: RefCell::new(Vec::new()),
        }
    }

    /// A string from the server's ready line, e.g. `s("/auth0/tokenEndpoint")`.
    fn s(&self, pointer: &str) -> String {
        self.srv
            .pointer(pointer)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("the server's ready line has no {pointer}"))
            .to_string()
    }

    async fn run(&self, name: &str, limit: Duration, f: impl Future<Output = R>) -> R {
        *self.scenario.borrow_mut() = name.to_string();
        let r = match tokio::time::timeout(limit, f).await {
            Ok(r) => r,
            Err(_) => Err(format!("did not finish within {} s", limit.as_secs())),
        };
        // Whatever happened, the page must have run no injected script and stored no secret.
        let end = self.end_page().await;
        match (r, end) {
            (Ok(()), end) => end,
            (Err(e), Ok(())) => Err(e),
            (Err(e), Err(e2)) => Err(format!("{e}; and then: {e2}")),
        }
    }

    /// Opens `url` in the session (a fresh document) and listens for the widget's event.
    async fn open(&self, url: &str) -> R {
        self.c.goto(url).await.ctx(format!("opening {url}"))?;
        js(
            &self.c,
            "window.__occEvents = [];
             document.addEventListener('oauth-cc-widget:checked', (e) => {
               let detail;
               try { detail = JSON.parse(JSON.stringify(e.detail)); } catch (err) { detail = 'not JSON: ' + err; }
               window.__occEvents.push({
                 target: e.target.id || '',
                 isRoot: e.target.hasAttribute('data-oauth-cc-widget'),
                 isCustom: e instanceof CustomEvent,
                 bubbles: e.bubbles,
                 raw: JSON.stringify(e.detail) || '',
                 detail,
               });
             });
             return true;",
            vec![],
        )
        .await?;
        Ok(())
    }

    async fn open_site(&self) -> R<Widget<'_>> {
        self.open(&self.s("/site")).await?;
        Widget::wait(&self.c, FIRST).await
    }

    /// Pulls the console and network logs gathered since the last call.
    async fn collect_logs(&self) -> R {
        let scenario = self.scenario.borrow().clone();
        for e in browser::drain_log(&self.c, "browser").await? {
            self.console.borrow_mut().push((scenario.clone(), e));
        }
        for e in browser::drain_log(&self.c, "performance").await? {
            let Some(inner) = e["message"]
                .as_str()
                .and_then(|m| serde_json::from_str::<Value>(m).ok())
            else {
                continue;
            };
            if inner.pointer("/message/method").and_then(Value::as_str)
                == Some("Network.requestWillBeSent")
            {
                let params = &inner["message"]["params"];
                let url = params["request"]["url"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let method = params["request"]["method"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string();
                let document = params["documentURL"].as_str().unwrap_or_default();
                // Chromium's own pages (the first tab's New Tab Page) are not the widget's.
                let browser_own = |u: &str| {
                    [
                        "chrome:",
                        "chrome-untrusted:",
                        "chrome-extension:",
                        "devtools:",
                    ]
                    .iter()
                    .any(|s| u.starts_with(s))
                };
                if browser_own(document) || browser_own(&url) {
                    continue;
                }
                self.network
                    .borrow_mut()
                    .push((scenario.clone(), method, url));
            }
        }
        Ok(())
    }

    /// After every scenario: no injected script ran, no secret or token in Web Storage (then it
    /// is cleared, so the next scenario starts as a new learner), logs collected.
    async fn end_page(&self) -> R {
        self.collect_logs().await?;
        let state = js(
            &self.c,
            "const dump = (s) => { const o = {}; for (let i = 0; i < s.length; i++) { const k = s.key(i); o[k] = s.getItem(k); } return o; };
             const out = { pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
                           local: dump(localStorage), session: dump(sessionStorage) };
             localStorage.clear(); sessionStorage.clear();
             return out;",
            vec![],
        )
        .await?;
        if let Some(p) = state["pwned"].as_str() {
            return Err(format!(
                "an injected script ran on the page (window.__pwned = {p:?})"
            ));
        }
        let stored = format!("{}{}", state["local"], state["session"]);
        for s in self.secrets.borrow().iter() {
            if contains_secret(&stored, s) {
                return Err("Web Storage holds a client secret".to_string());
            }
        }
        for t in self.tokens.borrow().iter() {
            if stored.contains(t.as_str()) {
                return Err("Web Storage holds an access token".to_string());
            }
        }
        Ok(())
    }

    /// Runs `command` with real bash (and so real curl); returns its standard output.
    async fn bash(&self, command: &str) -> R<String> {
        let out = tokio::time::timeout(
            Duration::from_secs(30),
            tokio::process::Command::new("bash")
                .arg("-c")
                .arg(command)
                .kill_on_drop(true)
                .output(),
        )
        .await
        .map_err(|_| "the command did not finish within 30 s".to_string())?
        .ctx("running bash")?;
        let stdout = String::from_utf8_lossy(&out.stdout).to_string();
        if !out.status.success() {
            return Err(format!(
                "the command failed ({}): stderr {:?}, stdout {:?}",
                out.status,
                String::from_utf8_lossy(&out.stderr),
                stdout
            ));
        }
        self.remember_token(&stdout);
        Ok(stdout)
    }

    /// Notes the host of a token endpoint given to the page in this scenario.
    fn note_endpoint(&self, endpoint: &str) {
        let scenario = self.scenario.borrow().clone();
        self.issuers
            .borrow_mut()
            .push((scenario, origin_of(endpoint)));
    }

    /// Notes the access token in a response (body after headers, if any) for the privacy checks.
    fn remember_token(&self, output: &str) {
        let body = output
            .rsplit_once("\r\n\r\n")
            .map(|(_, b)| b)
            .unwrap_or(output);
        if let Ok(v) = serde_json::from_str::<Value>(body.trim()) {
            if let Some(t) = v["access_token"].as_str() {
                self.tokens.borrow_mut().push(t.to_string());
            }
        }
    }

    /// Fills in the request form and runs the command the page shows (with real bash and curl);
    /// returns what it printed.
    /// The form for one of the server's clients: `issuer` is its key in the server's JSON (e.g.
    /// `/auth0`), `client` the client's (e.g. `/auth0/client`); the audience is the test API's;
    /// the secret goes in the body and the output is the body alone.
    fn form(&self, issuer: &str, client: &str) -> Form {
        Form {
            endpoint: self.s(&format!("{issuer}/tokenEndpoint")),
            client_id: self.s(&format!("{client}/client_id")),
            secret: self.s(&format!("{client}/client_secret")),
            audience: self.s("/api"),
            basic: false,
            curl_i: false,
        }
    }

    async fn request_token(&self, w: &Widget<'_>, f: &Form) -> R<String> {
        self.note_endpoint(&f.endpoint);
        w.type_into("Token endpoint", &f.endpoint).await?;
        w.type_into("Client ID", &f.client_id).await?;
        w.type_into("Client secret", &f.secret).await?;
        w.type_into("Audience", &f.audience).await?;
        w.choose("bash").await?;
        w.choose(if f.basic { "Basic" } else { "body" }).await?;
        w.show_secret().await?;
        let mut command = w.command().await?;
        if !command.starts_with("curl ") {
            return Err(format!(
                "the bash command does not start with curl: {command:?}"
            ));
        }
        if command.contains('•') {
            return Err("the command still shows the secret masked after Show secret".to_string());
        }
        if f.curl_i {
            command = command.replacen("curl ", "curl -i ", 1);
        }
        self.bash(&command).await
    }

    /// The last `oauth-cc-widget:checked` event: bubbling CustomEvent from a root, the documented
    /// detail, and never the token or the secret.
    async fn check_event(&self, target_id: Option<&str>, verdict: &str) -> R {
        let events = js(&self.c, "return window.__occEvents || [];", vec![]).await?;
        let events = events.as_array().cloned().unwrap_or_default();
        let e = events
            .last()
            .ok_or("no oauth-cc-widget:checked event reached the document")?;
        if e["bubbles"] != json!(true) || e["isCustom"] != json!(true) || e["isRoot"] != json!(true)
        {
            return Err(format!(
                "the event is not a bubbling CustomEvent from the widget's root: {e}"
            ));
        }
        if let Some(id) = target_id {
            if e["target"] != json!(id) {
                return Err(format!(
                    "the event came from #{} instead of #{id}",
                    e["target"]
                ));
            }
        }
        let d = &e["detail"];
        if d["verdict"] != json!(verdict) {
            return Err(format!(
                "event detail.verdict is {} instead of {verdict:?}",
                d["verdict"]
            ));
        }
        if d["headline"].as_str().is_none_or(str::is_empty) {
            return Err(format!("event detail.headline is missing: {d}"));
        }
        let checks = d["checks"]
            .as_array()
            .ok_or_else(|| format!("event detail.checks is not a list: {d}"))?;
        if checks.is_empty()
            || !checks
                .iter()
                .all(|c| c["id"].is_string() && c["rule"].is_string() && c["status"].is_string())
        {
            return Err(format!(
                "event detail.checks is not a list of {{id, rule, status}}: {d}"
            ));
        }
        // Exactly the documented members: nothing else can carry the token, paste or secret.
        let extra: Vec<&String> = d
            .as_object()
            .map(|o| {
                o.keys()
                    .filter(|k| !["verdict", "headline", "checks"].contains(&k.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        let extra_in_checks = checks.iter().any(|c| {
            c.as_object().is_some_and(|o| {
                o.keys()
                    .any(|k| !["id", "rule", "status"].contains(&k.as_str()))
            })
        });
        if !extra.is_empty() || extra_in_checks {
            return Err(format!("event detail has undocumented members: {d}"));
        }
        let raw = e["raw"].as_str().unwrap_or_default();
        for t in self.tokens.borrow().iter() {
            if raw.contains(t.as_str()) {
                return Err("the event detail carries the access token".to_string());
            }
        }
        for s in self.secrets.borrow().iter() {
            if contains_secret(raw, s) {
                return Err("the event detail carries the client secret".to_string());
            }
        }
        Ok(())
    }

    fn artifact(&self, name: &str) -> PathBuf {
        self.artifacts.join(name)
    }
}

struct Form {
    endpoint: String,
    client_id: String,
    secret: String,
    audience: String,
    basic: bool,
    curl_i: bool,
}

/// Secrets shorter than this are not searched for (they would match by chance).
fn contains_secret(haystack: &str, secret: &str) -> bool {
    secret.len() >= 8 && haystack.contains(secret)
}

/// `scheme://host:port` of a URL.
fn origin_of(url: &str) -> String {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let end = url[after_scheme..]
        .find('/')
        .map_or(url.len(), |i| after_scheme + i);
    url[..end].to_string()
}

/// POSIX single-quoting for the harness's own commands.
fn sh(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

fn expect_verdict(got: &str, want: &str, description: &str) -> R {
    if got == want {
        Ok(())
    } else {
        Err(format!(
            "verdict {got:?}, expected {want:?} ({description})"
        ))
    }
}

async fn expect_check(w: &Widget<'_>, id: &str, want: &str) -> R<String> {
    let (status, text) = w.check_item(id).await?;
    if status != want {
        return Err(format!(
            "check {id} is {status:?}, expected {want:?}: {}",
            text.trim()
        ));
    }
    Ok(text)
}

// ------------------------------------------------------------------------------------ scenarios

/// Issue 6: the release dist/ has no inline script or style and works from a sub-path with the
/// documented CSP header (the widget mounts; the CSP console check is in `privacy`).
async fn site_under_csp(cx: &Cx) -> R {
    let index =
        std::fs::read_to_string(cx.dist.join("index.html")).ctx("reading dist/index.html")?;
    let lower = index.to_ascii_lowercase();
    for (bad, why) in [
        ("<style", "an inline <style> element"),
        (" style=", "an inline style attribute"),
        ("<base", "a <base> tag"),
        ("src=\"/", "a root-relative src (breaks under a sub-path)"),
        ("href=\"/", "a root-relative href (breaks under a sub-path)"),
    ] {
        if lower.contains(bad) {
            return Err(format!("dist/index.html has {why}"));
        }
    }
    let mut rest = lower.as_str();
    while let Some(i) = rest.find("<script") {
        let tag_end = rest[i..].find('>').map(|j| i + j).unwrap_or(rest.len());
        if !rest[i..tag_end].contains(" src=") {
            return Err("dist/index.html has an inline <script>".to_string());
        }
        rest = &rest[tag_end..];
    }
    if !lower.contains("<noscript") {
        return Err("dist/index.html has no <noscript> message".to_string());
    }
    let site = cx.s("/site");
    let headers = cx
        .bash(&format!(
            "curl -sS -o /dev/null -D - {}",
            sh(&format!("{site}index.html"))
        ))
        .await?;
    let csp = cx.s("/csp");
    if !headers.contains(&format!("content-security-policy: {csp}")) {
        return Err(format!("the static server did not send the CSP: {headers}"));
    }
    for (file, mime) in [
        ("oauth-cc-widget_bg.wasm", "application/wasm"),
        ("loader.js", "text/javascript"),
    ] {
        let h = cx
            .bash(&format!(
                "curl -sS -o /dev/null -D - {}",
                sh(&format!("{site}{file}"))
            ))
            .await?;
        if !h.contains(&format!("content-type: {mime}")) {
            return Err(format!("{file} is not served as {mime}: {h}"));
        }
    }
    println!("[e2e]    CSP: {csp}");
    let w = cx.open_site().await?;
    let title = w.js("return arguments[0].querySelector('h2') && arguments[0].querySelector('h2').textContent;", vec![]).await?;
    println!("[e2e]    mounted at {site} under the CSP: {title}");
    Ok(())
}

/// While the WebAssembly downloads, the mount element says the exercise is loading; when it
/// cannot load (blocked here, as a dropped connection or a filtering proxy would), the learner
/// is told what to do instead of being left with a blank space.
async fn loading_then_cannot_start(cx: &Cx) -> R {
    cdp(&cx.c, "Network.enable", json!({})).await?;
    cdp(
        &cx.c,
        "Network.setBlockedURLs",
        json!({ "urls": ["*oauth-cc-widget_bg.wasm"] }),
    )
    .await?;
    // Every text the first mount element shows, from before the page's scripts run.
    let added = cdp(
        &cx.c,
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": "window.__occSeen = [];
            new MutationObserver(() => {
              const root = document.querySelector('[data-oauth-cc-widget]');
              const t = root ? root.textContent.trim() : '';
              if (t && window.__occSeen.at(-1) !== t) window.__occSeen.push(t);
            }).observe(document, { childList: true, subtree: true, characterData: true });" }),
    )
    .await?;
    let outcome = async {
        cx.c.goto(&cx.s("/site")).await.ctx("opening the site")?;
        let said = wait_js(
            &cx.c,
            "the could-not-start message",
            Duration::from_secs(10),
            "const t = document.querySelector('[data-oauth-cc-widget]').textContent;
             return t.includes('could not start') ? t : null;",
            vec![],
        )
        .await?;
        let said = said.as_str().unwrap_or_default();
        if !said.contains("reload the page") {
            return Err(format!("the message names no next step: {said:?}"));
        }
        let seen = js(&cx.c, "return window.__occSeen;", vec![]).await?;
        let loading = seen.as_array().is_some_and(|a| {
            a.iter().any(|t| {
                t.as_str()
                    .is_some_and(|t| t.contains("Loading the exercise…"))
            })
        });
        if !loading {
            return Err(format!(
                "\"Loading the exercise…\" was never shown; the mount element showed {seen}"
            ));
        }
        println!("[e2e]    shown in turn: {seen}");
        Ok(())
    }
    .await;
    // Undo both, whatever happened: the next scenarios need the wasm.
    cdp(&cx.c, "Network.setBlockedURLs", json!({ "urls": [] })).await?;
    if let Some(id) = added["identifier"].as_str() {
        cdp(
            &cx.c,
            "Page.removeScriptToEvaluateOnNewDocument",
            json!({ "identifier": id }),
        )
        .await?;
    }
    outcome
}

/// Scenario 1: The Auth0-shaped client, as in the lesson.
async fn auth0_pass(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(&w, &cx.form("/auth0", "/auth0/client"))
        .await?;
    if !out.contains("\"access_token\"") {
        return Err(format!("the token request did not return a token: {out}"));
    }
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    expect_check(&w, "signature", "pass").await?;
    cx.check_event(None, "pass").await?;
    browser::screenshot_element(
        &cx.c,
        "[data-testid=report]",
        &cx.artifact("report-pass.png"),
    )
    .await?;
    // Issue 14 §6: the passing report, collapsed, at desktop and phone widths, light and dark.
    for (width, height) in [(1280, 900), (390, 844)] {
        viewport(cx, width, height).await?;
        for scheme in ["light", "dark"] {
            prefer(cx, Some(scheme)).await?;
            let name = format!("report-pass-{width}-{scheme}.png");
            browser::screenshot_element(&cx.c, "[data-testid=report]", &cx.artifact(&name)).await?;
        }
        let tall = w
            .js(
                "return Math.round(arguments[0].querySelector('[data-testid=report]').getBoundingClientRect().height);",
                vec![],
            )
            .await?;
        println!("[e2e]    the passing report is {tall} px tall at {width} px wide");
    }
    prefer(cx, None).await?;
    cdp(&cx.c, "Emulation.clearDeviceMetricsOverride", json!({})).await?;
    // For the README: the secret masked again, as a learner would leave it.
    w.click("Show secret").await?;
    browser::screenshot_element(&cx.c, FIRST, &cx.artifact("widget.png")).await?;
    println!(
        "[e2e]    screenshots: {} and {} (the whole widget, for the README)",
        cx.artifact("report-pass.png").display(),
        cx.artifact("widget.png").display()
    );
    Ok(())
}

/// Scenario 2: An RFC 9068 issuer, the secret in an HTTP Basic header (with characters that a shell or
/// the form encoding would break).
async fn basic_pass(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(
            &w,
            &Form {
                basic: true,
                ..cx.form("/generic", "/generic/basic")
            },
        )
        .await?;
    let command = w.command().await?;
    if command.contains("client_secret=") {
        return Err(
            "with Basic chosen, the command still sends client_secret in the body".to_string(),
        );
    }
    if !out.contains("\"access_token\"") {
        return Err(format!("the token request did not return a token: {out}"));
    }
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    expect_check(&w, "signature", "pass").await?;
    cx.check_event(None, "pass").await
}

/// Scenario 3: A wrong secret: the server's 401 body is explained.
async fn wrong_secret(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let wrong = "wrong-secret-9f8e7d6c5b4a";
    cx.secrets.borrow_mut().push(wrong.to_string());
    let out = cx
        .request_token(
            &w,
            &Form {
                secret: wrong.to_string(),
                ..cx.form("/auth0", "/auth0/client")
            },
        )
        .await?;
    if !out.contains("invalid_client") {
        return Err(format!(
            "expected the server's invalid_client answer, got {out}"
        ));
    }
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "error-response", &w.describe().await)?;
    let text = w.report_text().await?.to_lowercase();
    if !(text.contains("secret") && text.contains("client id")) {
        return Err(format!(
            "the report does not explain wrong client credentials (client ID / secret): {text}"
        ));
    }
    cx.check_event(None, "error-response").await
}

/// Scenario 4: The Auth0-shaped client without an audience: Auth0's opaque token; the report says to send
/// the audience.
async fn no_audience(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(
            &w,
            &Form {
                audience: String::new(),
                ..cx.form("/auth0", "/auth0/client")
            },
        )
        .await?;
    if !out.contains("..") {
        return Err(format!(
            "expected Auth0's opaque token (a..b.c.d) without an audience, got {out}"
        ));
    }
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "fail", &w.describe().await)?;
    // The check that flags the opaque token must say how to fix it: send the audience.
    let flagged: Vec<(String, String, String)> = w
        .checks()
        .await?
        .into_iter()
        .filter(|(_, st, _)| st == "fail" || st == "warn")
        .collect();
    let Some((id, status, text)) = flagged
        .iter()
        .find(|(_, _, t)| t.to_lowercase().contains("audience"))
    else {
        return Err(format!(
            "no failing or warning check mentions the audience fix: {flagged:?} ({})",
            w.describe().await
        ));
    };
    println!("[e2e]    {id} ({status}): {}", text.trim());
    cx.check_event(None, "fail").await
}

/// Scenario 5: A real token with one claim changed after signing: the signature must fail.
async fn tampered(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(&w, &cx.form("/auth0", "/auth0/client"))
        .await?;
    let mut response: Value =
        serde_json::from_str(out.trim()).ctx("the token response is not JSON")?;
    let token = response["access_token"]
        .as_str()
        .ok_or("no access_token")?
        .to_string();
    let parts: Vec<&str> = token.split('.').collect();
    let [header, payload, signature] = parts[..] else {
        return Err(format!("not a three-part JWT: {token}"));
    };
    let mut claims: Value =
        serde_json::from_slice(&b64::decode_url(payload).ok_or("payload is not base64url")?)
            .ctx("payload JSON")?;
    // One digit of `exp` changed: the claims stay valid, only the signature no longer matches.
    let exp = claims["exp"].as_i64().ok_or("no exp")?;
    claims["exp"] = json!(exp + 1);
    let forged = format!(
        "{header}.{}.{signature}",
        b64::encode_url(claims.to_string().as_bytes())
    );
    response["access_token"] = json!(forged);
    cx.tokens.borrow_mut().push(forged);
    w.paste("Token response", &response.to_string()).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "fail", &w.describe().await)?;
    expect_check(&w, "signature", "fail").await?;
    browser::screenshot_element(
        &cx.c,
        "[data-testid=report]",
        &cx.artifact("report-fail.png"),
    )
    .await?;
    println!(
        "[e2e]    screenshot: {}",
        cx.artifact("report-fail.png").display()
    );
    cx.check_event(None, "fail").await
}

/// Scenario 6: `curl -i`: status line and headers before the body; the body is extracted.
async fn curl_i(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(
            &w,
            &Form {
                curl_i: true,
                ..cx.form("/auth0", "/auth0/client")
            },
        )
        .await?;
    if !out.starts_with("HTTP/") {
        return Err(format!("curl -i did not print a status line: {out}"));
    }
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    expect_check(&w, "signature", "pass").await?;
    Ok(())
}

/// Scenario 7: The issuer refuses the browser (no CORS headers): the page offers to paste the keys, which
/// the learner fetches with curl.
async fn keys_fallback(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(&w, &cx.form("/nocors", "/nocors/client"))
        .await?;
    w.paste("Token response", &out).await?;
    w.click("Check your response").await?;
    wait_for_label(&w, "Signing keys (JWKS)", Duration::from_secs(30)).await?;
    let jwks = cx
        .bash(&format!("curl -sS {}", sh(&cx.s("/nocors/jwksUri"))))
        .await?;
    w.paste("Signing keys (JWKS)", &jwks).await?;
    w.click("Check the signature with these keys").await?;
    let verdict = w.wait_verdict(Duration::from_secs(30)).await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    expect_check(&w, "signature", "pass").await?;
    Ok(())
}

/// Issue 14 §2: what Windows shells print when curl.exe is missing or a command for another
/// shell runs, pasted as a learner would: the cause is named, with the shells and the choice.
async fn windows_texts(cx: &Cx) -> R {
    let ps = "is not recognized as the name of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a path was included, verify that the path is correct and try again.";
    let cmd =
        "is not recognized as an internal or external command,\r\noperable program or batch file.";
    let cases = [
        (format!("'curl.exe' {cmd}"), "paste.shell.curl_exe_missing", "1803"),
        (
            format!("curl.exe : The term 'curl.exe' {ps}\r\nAt line:1 char:1\r\n+ curl.exe -sS -w '\\n' 'https://dev-abc123.us.auth0.com/oauth/token' `\r\n+ ~~~~~~~~\r\n    + CategoryInfo          : ObjectNotFound: (curl.exe:String) [], CommandNotFoundException"),
            "paste.shell.curl_exe_missing",
            "winget",
        ),
        (
            "Invoke-WebRequest : A parameter cannot be found that matches parameter name 'sS'.\r\nAt line:1 char:6\r\n+ curl -sS -w '\\n' https://dev-abc123.us.auth0.com/oauth/token \\\r\n+      ~~~\r\n    + CategoryInfo          : InvalidArgument: (:) [Invoke-WebRequest], ParameterBindingException".to_string(),
            "paste.shell.wrong_shell",
            "“PowerShell (Windows)”",
        ),
        (
            format!("^ : The term '^' {ps}\r\nAt line:2 char:1\r\n+ ^\r\n+ ~"),
            "paste.shell.wrong_shell",
            "written for cmd",
        ),
        (
            format!("curl: (6) Could not resolve host: `\r\n'--data' {cmd}\r\n'--data-urlencode' {cmd}"),
            "paste.shell.wrong_shell",
            "“cmd (Windows Command Prompt)”",
        ),
        (
            format!("C:\\Users\\amira>curl -sS -w '\\n' https://dev-abc123.us.auth0.com/oauth/token \\\r\ncurl: (3) URL rejected: Bad hostname\r\n'--data' {cmd}"),
            "paste.shell.wrong_shell",
            "written for bash or zsh",
        ),
    ];
    let w = cx.open_site().await?;
    for (paste, rule, says) in cases {
        w.paste("Token response", &paste).await?;
        let verdict = w.check().await?;
        expect_verdict(&verdict, "fail", &w.describe().await)?;
        let got = w
            .js(
                "const el = arguments[0].querySelector('[data-check-id=paste_curl_error]');
                 return el ? [el.getAttribute('data-rule'), el.textContent] : null;",
                vec![],
            )
            .await?;
        let got_rule = got[0].as_str().unwrap_or_default();
        let text = got[1].as_str().unwrap_or_default();
        if got_rule != rule || !text.contains(says) {
            return Err(format!(
                "{paste:?}: rule {got_rule:?} (expected {rule}), saying {text:?} (expected {says:?})"
            ));
        }
    }
    Ok(())
}

/// The computed styles that make the widget's boxes and text, for every element inside it (the
/// font family excepted: it may follow the page by design). One string per element.
const STYLES_JS: &str = "const root = document.querySelector('[data-oauth-cc-widget]');
  const props = ['display', 'position', 'float', 'clear', 'box-sizing',
    'margin-top', 'margin-right', 'margin-bottom', 'margin-left',
    'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
    'border-top-width', 'border-right-width', 'border-bottom-width', 'border-left-width',
    'border-top-style', 'border-left-style', 'border-top-left-radius',
    'width', 'font-size', 'font-weight', 'font-style', 'line-height', 'letter-spacing',
    'text-transform', 'text-decoration-line', 'text-align', 'white-space', 'list-style-type',
    'vertical-align', 'color', 'background-color', 'opacity', 'cursor'];
  return [root, ...root.querySelectorAll('*')].map((el) => {
    const cs = getComputedStyle(el);
    const name = el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
    return name + ' { ' + props.map((p) => p + ': ' + cs.getPropertyValue(p)).join('; ') + ' }';
  });";

/// Opens a lesson page and brings the widget to a report with every kind of element (a form,
/// hints, the command, a report with open and collapsed checks, a decoded token's tables, the
/// keys box); returns the styles.
async fn lesson_styles(cx: &Cx, url: &str) -> R<Vec<String>> {
    cx.open(url).await?;
    Widget::wait(&cx.c, FIRST).await?;
    // Typed and clicked through the page's own events: WebDriver's clicks miss their target
    // while DevTools emulates a phone's viewport.
    js(
        &cx.c,
        "const root = document.querySelector('[data-oauth-cc-widget]');
         const field = (t) => document.getElementById([...root.querySelectorAll('label')]
           .find((l) => l.textContent.trim() === t).htmlFor);
         const set = (el, v) => { el.value = v; el.dispatchEvent(new Event('input', { bubbles: true })); };
         set(field('Scope'), 'openid read:messages');
         set(field('Token response'), arguments[0]);
         [...root.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Check your response').click();",
        vec![json!(cx.s("/fixtures/stoppedResponse"))],
    )
    .await?;
    wait_js(
        &cx.c,
        "the keys box",
        Duration::from_secs(20),
        "return !!document.querySelector('[data-testid=keys-fallback]');",
        vec![],
    )
    .await?;
    let v = js(&cx.c, STYLES_JS, vec![]).await?;
    Ok(v.as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_string))
        .collect())
}

/// Emulates the reader's preferred colour scheme (`None`: the browser's own again).
async fn prefer(cx: &Cx, scheme: Option<&str>) -> R {
    let features = match scheme {
        Some(s) => json!([{ "name": "prefers-color-scheme", "value": s }]),
        None => json!([]),
    };
    cdp(
        &cx.c,
        "Emulation.setEmulatedMedia",
        json!({ "features": features }),
    )
    .await
    .map(|_| ())
}

/// Sets the viewport (desktop or phone) through DevTools.
async fn viewport(cx: &Cx, width: u32, height: u32) -> R {
    cdp(
        &cx.c,
        "Emulation.setDeviceMetricsOverride",
        json!({ "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600 }),
    )
    .await
    .map(|_| ())
}

/// Issue 17: the widget's elements have the same computed box and text styles on a lesson page
/// with Bootstrap 5.3's stylesheet as on the same page without it, at 1280 and 390 px; and the
/// Bootstrap page passes axe with no violation at all, light and dark.
async fn bootstrap_isolation(cx: &Cx) -> R {
    let mut problems = Vec::new();
    for (width, height) in [(1280, 900), (390, 844)] {
        viewport(cx, width, height).await?;
        let plain = lesson_styles(cx, &cx.s("/lessonPage")).await?;
        // Issue 14 §6: every radio button the same size, however its label wraps.
        let radios = js(
            &cx.c,
            "return [...document.querySelectorAll('[data-oauth-cc-widget] input[type=radio]')]
               .map((r) => { const b = r.getBoundingClientRect(); return `${Math.round(b.width)}x${Math.round(b.height)}`; });",
            vec![],
        )
        .await?;
        let sizes: std::collections::BTreeSet<&str> = radios
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if sizes.len() != 1 {
            problems.push(format!("{width} px: radio buttons of sizes {sizes:?}"));
        }
        let bootstrap = lesson_styles(cx, &cx.s("/bootstrapPage")).await?;
        if plain.len() != bootstrap.len() {
            problems.push(format!(
                "{width} px: {} elements without Bootstrap, {} with",
                plain.len(),
                bootstrap.len()
            ));
            continue;
        }
        let differ: Vec<String> = plain
            .iter()
            .zip(&bootstrap)
            .filter(|(a, b)| a != b)
            .take(5)
            .map(|(a, b)| format!("\n          without: {a}\n          with:    {b}"))
            .collect();
        println!(
            "[e2e]    {width} px: {} elements compared, {} differ",
            plain.len(),
            plain.iter().zip(&bootstrap).filter(|(a, b)| a != b).count()
        );
        problems.extend(differ);
    }
    let axe = std::fs::read_to_string(cx.root.join("node_modules/axe-core/axe.min.js"))
        .ctx("reading node_modules/axe-core/axe.min.js (run npm ci)")?;
    for (query, scheme, width) in [
        ("", "light", 1280),
        ("?bs=dark", "dark", 1280),
        ("", "light", 390),
        ("?bs=dark", "dark", 390),
    ] {
        viewport(cx, width, if width < 600 { 844 } else { 900 }).await?;
        let page = format!("{}{query}", cx.s("/bootstrapPage"));
        lesson_styles(cx, &page).await?;
        let found = run_axe(cx, &axe, scheme).await?;
        let n = found.as_array().map_or(0, Vec::len);
        println!("[e2e]    axe on the Bootstrap page{query} at {width} px: {n} violations");
        if n > 0 {
            problems.push(format!("axe on the Bootstrap page{query}: {found}"));
        }
        let scheme = if query.is_empty() { "light" } else { "dark" };
        let shot = format!("bootstrap-{scheme}-{width}.png");
        browser::screenshot_element(&cx.c, "main", &cx.artifact(&shot)).await?;
        // The top of the page (the lesson's heading, the form's fieldsets and code), for the README.
        let top = format!("bootstrap-{scheme}-{width}-top.png");
        browser::screenshot_top(&cx.c, "main", 1100.0, &cx.artifact(&top)).await?;
    }
    prefer(cx, None).await?;
    cdp(&cx.c, "Emulation.clearDeviceMetricsOverride", json!({})).await?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n        "))
    }
}

/// The widget's text colour: light scheme or dark.
async fn widget_scheme(cx: &Cx) -> R<String> {
    let v = js(
        &cx.c,
        "const c = getComputedStyle(document.querySelector('[data-oauth-cc-widget]')).color;
         const [r, g, b] = c.match(/\\d+/g).map(Number);
         return (r + g + b) / 3 > 128 ? 'dark' : 'light';",
        vec![],
    )
    .await?;
    Ok(v.as_str().unwrap_or_default().to_string())
}

/// Issue 17: with the reader preferring dark, the widget is light on Bootstrap's light page (which
/// declares no dark support), dark under data-bs-theme="dark", follows the reader on the
/// standalone page; data-theme overrides each, and a forced theme gets inner padding. The title
/// goes with the instructions, and the headings start below the lesson's.
async fn theme_follows_the_host(cx: &Cx) -> R {
    let mut problems = Vec::new();
    let pages = [
        (cx.s("/lessonPage"), "light", "a page that declares nothing"),
        (cx.s("/bootstrapPage"), "light", "Bootstrap's light page"),
        (
            format!("{}?bs=dark", cx.s("/bootstrapPage")),
            "dark",
            "data-bs-theme=dark",
        ),
        (cx.s("/site"), "dark", "the standalone page (light dark)"),
    ];
    for reader in ["dark", "light"] {
        prefer(cx, Some(reader)).await?;
        for (url, when_dark, what) in &pages {
            cx.open(url).await?;
            Widget::wait(&cx.c, FIRST).await?;
            // The standalone page follows the reader; the others their own declaration.
            let want = if what.starts_with("the standalone") {
                reader
            } else {
                when_dark
            };
            let got = widget_scheme(cx).await?;
            if got != want {
                problems.push(format!(
                    "reader {reader}, {what}: the widget is {got}, not {want}"
                ));
            }
            for forced in ["light", "dark"] {
                let padding = js(
                    &cx.c,
                    "const w = document.querySelector('[data-oauth-cc-widget]');
                     w.setAttribute('data-theme', arguments[0]);
                     return getComputedStyle(w).paddingTop;",
                    vec![json!(forced)],
                )
                .await?;
                let got = widget_scheme(cx).await?;
                if got != forced || padding != json!("16px") {
                    problems.push(format!(
                        "reader {reader}, {what}, data-theme={forced}: {got}, padding {padding}"
                    ));
                }
            }
        }
    }
    prefer(cx, None).await?;
    // On the lesson page: no second title, and the widget's sections under the lesson's <h2>.
    cx.open(&cx.s("/bootstrapPage")).await?;
    Widget::wait(&cx.c, FIRST).await?;
    let headings = js(
        &cx.c,
        "return [...document.querySelectorAll('[data-oauth-cc-widget] h1, [data-oauth-cc-widget] h2, [data-oauth-cc-widget] h3, [data-oauth-cc-widget] h4')]
           .map((h) => h.tagName + ' ' + h.textContent.trim());",
        vec![],
    )
    .await?;
    let list: Vec<&str> = headings
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    if list.iter().any(|h| h.contains("Client Credentials Flow")) {
        problems.push(format!("the widget repeats the lesson's title: {list:?}"));
    }
    if !list.contains(&"H3 Your token request") {
        problems.push(format!(
            "the sections are not <h3> under the lesson's <h2>: {list:?}"
        ));
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n        "))
    }
}

/// The key hosts' requests so far (`host path`), from the server.
async fn key_host_hits(cx: &Cx) -> R<Vec<String>> {
    let hits = cx
        .bash(&format!("curl -sS {}", sh(&cx.s("/keyHosts/hitsUrl"))))
        .await?;
    serde_json::from_str(&hits).ctx("the key hosts' request log")
}

/// Fills the form for a key-host provider (`name` in the server's `keyHosts`), with the API as
/// the audience, and pastes its response.
async fn key_host_form(cx: &Cx, w: &Widget<'_>, name: &str) -> R {
    let endpoint = cx.s(&format!("/keyHosts/{name}/endpoint"));
    cx.note_endpoint(&endpoint);
    w.type_into("Token endpoint", &endpoint).await?;
    w.type_into("Client ID", &cx.s(&format!("/keyHosts/{name}/clientId")))
        .await?;
    w.type_into("Audience", &cx.s("/api")).await?;
    let response = cx.s(&format!("/keyHosts/responses/{name}"));
    cx.remember_token(&response);
    w.paste("Token response", &response).await
}

/// Issue 14 §1: a documented pair of hosts (the token endpoint on one, the issuer on the other)
/// is followed on its own, with only GETs of the discovery document and its keys, and a correct
/// token passes. `keys_origin` is where the keys are (noted as allowed for the privacy check).
async fn paired_host(cx: &Cx, name: &str, keys_origin: &str) -> R {
    let w = cx.open_site().await?;
    key_host_form(cx, &w, name).await?;
    cx.note_endpoint(keys_origin);
    let verdict = w.check().await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    let signature = expect_check(&w, "signature", "pass").await?;
    expect_check(&w, "iss", "pass").await?;
    let host = keys_origin.trim_start_matches("https://");
    if !signature.contains(host) {
        return Err(format!(
            "the signature check does not name {host}: {signature}"
        ));
    }
    Ok(())
}

/// Issue 14 §1: a token whose issuer is on a host that is neither the endpoint's nor paired with
/// it: nothing is fetched there until the learner presses the button that names the host; then
/// its keys verify the signature, while the issuer is still compared with the endpoint entered.
async fn chosen_host(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    key_host_form(cx, &w, "other").await?;
    let issuer_host = cx.s("/keyHosts/other/issuerHost");
    let before = key_host_hits(cx).await?;
    w.click("Check your response").await?;
    let root = w.js("return arguments[0];", vec![]).await?;
    let offered = wait_js(
        &cx.c,
        "the button that offers the issuer's host",
        Duration::from_secs(30),
        "const b = arguments[0].querySelector('[data-testid=keys-other-host] button');
         return b && !arguments[0].hasAttribute('aria-busy') ? b.textContent : null;",
        vec![root],
    )
    .await?;
    let label = offered.as_str().unwrap_or_default().to_string();
    if label != format!("Check with the keys published by {issuer_host}") {
        return Err(format!("the button says {label:?}"));
    }
    let (status, text) = w.check_item("signature").await?;
    if status != "skip" || !text.contains(&issuer_host) {
        return Err(format!(
            "before the choice, the signature is {status}: {text}"
        ));
    }
    let after = key_host_hits(cx).await?;
    if after
        .iter()
        .skip(before.len())
        .any(|h| h.starts_with(&issuer_host))
    {
        return Err(format!(
            "{issuer_host} was asked before the learner chose it: {after:?}"
        ));
    }
    cx.note_endpoint(&format!("https://{issuer_host}"));
    w.click(&label).await?;
    let root = w.js("return arguments[0];", vec![]).await?;
    wait_js(
        &cx.c,
        "the signature check with the chosen host's keys",
        Duration::from_secs(30),
        "const r = arguments[0];
         const sig = r.querySelector('[data-check-id=signature]');
         return !r.hasAttribute('aria-busy') && sig && sig.getAttribute('data-status') === 'pass';",
        vec![root],
    )
    .await?;
    let hits = key_host_hits(cx).await?;
    if !hits.iter().any(|h| h == &format!("{issuer_host} /jwks")) {
        return Err(format!(
            "the keys were not fetched from {issuer_host}: {hits:?}"
        ));
    }
    // The issuer is not taken for the learner's: it is still compared with the endpoint.
    let (iss, text) = w.check_item("iss").await?;
    if iss == "pass" {
        return Err(format!(
            "the chosen host's issuer was taken for the learner's: {text}"
        ));
    }
    Ok(())
}

async fn wait_for_label(w: &Widget<'_>, label: &str, timeout: Duration) -> R {
    let root = w.js("return arguments[0];", vec![]).await?;
    wait_js(
        w.c,
        &format!("a field labelled \"{label}\""),
        timeout,
        "return [...arguments[0].querySelectorAll('label')].some(l => l.textContent.trim() === arguments[1]);",
        vec![root, json!(label)],
    )
    .await
    .map(|_| ())
}

/// The key fetch fails at a fixture: the signature check must not pass and must say which step
/// failed (the discovery document) and why (one of `why`).
async fn fixture(cx: &Cx, name: &str, why: &[&str]) -> R {
    let w = cx.open_site().await?;
    let endpoint = format!("{}/oauth/token", cx.s(&format!("/fixtures/{name}")));
    let api = cx.s("/api");
    let form = Form {
        endpoint: endpoint.clone(),
        client_id: "fixture-client".to_string(),
        secret: "fixture-secret-0123456789".to_string(),
        audience: api.clone(),
        basic: false,
        curl_i: false,
    };
    let response = if name == "stopped" {
        // Nobody answers there any more: the learner pastes the token they got before.
        cx.note_endpoint(&endpoint);
        w.type_into("Token endpoint", &endpoint).await?;
        w.type_into("Client ID", "fixture-client").await?;
        w.type_into("Audience", &api).await?;
        cx.s("/fixtures/stoppedResponse")
    } else {
        cx.request_token(&w, &form).await?
    };
    w.paste("Token response", &response).await?;
    let t = Instant::now();
    w.click("Check your response").await?;
    // Done when the verdict is set, or when the page asks for the keys instead.
    let root = w.js("return arguments[0];", vec![]).await?;
    wait_js(
        &cx.c,
        "the check to finish (a verdict, or the paste-the-keys field)",
        Duration::from_secs(60),
        "const r = arguments[0];
         const sig = r.querySelector('[data-check-id=signature]');
         const asking = [...r.querySelectorAll('label')].some(l => l.textContent.trim() === 'Signing keys (JWKS)');
         return !r.hasAttribute('aria-busy') && (r.hasAttribute('data-verdict') || asking)
             && !!sig && sig.getAttribute('data-status') !== 'pending';",
        vec![root],
    )
    .await?;
    let (status, text) = w.check_item("signature").await?;
    let lower = text.to_lowercase();
    println!(
        "[e2e]    after {:.1} s: signature {status}: {}",
        t.elapsed().as_secs_f64(),
        text.trim()
    );
    if status == "pass" {
        return Err(
            "the signature check passed although the keys could not be fetched".to_string(),
        );
    }
    let step = ["discovery", "openid-configuration", ".well-known"];
    if !step.iter().any(|s| lower.contains(s)) {
        return Err(format!(
            "the signature check does not name the failed step (discovery): {text}"
        ));
    }
    if !why.iter().any(|s| lower.contains(s)) {
        return Err(format!(
            "the signature check does not say why (one of {why:?}): {text}"
        ));
    }
    Ok(())
}

/// An error response whose description carries markup: shown as text, nothing runs.
async fn hostile_error(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let payload = "<img src=x onerror=\"window.__pwned='desc'\"><script>window.__pwned='desc-script'</script>";
    let body = json!({ "error": "invalid_request", "error_description": payload }).to_string();
    cx.note_endpoint(&cx.s("/auth0/tokenEndpoint"));
    w.type_into("Token endpoint", &cx.s("/auth0/tokenEndpoint"))
        .await?;
    w.paste("Token response", &body).await?;
    let verdict = w.check().await?;
    expect_verdict(&verdict, "error-response", &w.describe().await)?;
    expect_rendered_as_text(&w, payload).await
}

/// A real, validly signed token with markup in a claim: shown as text, nothing runs.
async fn hostile_claim(cx: &Cx) -> R {
    let w = cx.open_site().await?;
    let out = cx
        .request_token(&w, &cx.form("/generic", "/generic/hostile"))
        .await?;
    w.paste("Token response", &out).await?;
    let verdict = w.check().await?;
    println!("[e2e]    verdict {verdict}: {}", w.describe().await);
    expect_rendered_as_text(&w, &cx.s("/hostile")).await
}

async fn field_value(w: &Widget<'_>, label: &str) -> R<String> {
    let el = w.control(label).await?;
    el.prop("value")
        .await
        .ctx("value")
        .map(Option::unwrap_or_default)
}

async fn expect_rendered_as_text(w: &Widget<'_>, payload: &str) -> R {
    // Give any injected handler a moment to fire (an <img src=x> fails to load quickly).
    tokio::time::sleep(Duration::from_millis(300)).await;
    let found = w
        .js(
            "const report = arguments[0].querySelector('[data-testid=report]');
             return {
               elements: report ? report.querySelectorAll('img, script, iframe, object, embed').length : -1,
               pwned: typeof window.__pwned === 'undefined' ? null : String(window.__pwned),
             };",
            vec![],
        )
        .await?;
    if let Some(p) = found["pwned"].as_str() {
        return Err(format!("an injected script ran: window.__pwned = {p:?}"));
    }
    if found["elements"] != json!(0) {
        return Err(format!("the report contains injected elements: {found}"));
    }
    let text = w.report_text().await?;
    if !text.contains(payload) {
        return Err(format!(
            "the report does not show the markup literally ({payload:?}): {text}"
        ));
    }
    Ok(())
}

/// Issue 6: the host snippet in a page of the same folder mounts two independent widgets.
/// Where the explainer ran: in a worker (no glue script in the page) or in the page.
async fn explainer_in_page(cx: &Cx) -> R<bool> {
    let v = js(
        &cx.c,
        "return !!document.querySelector('script[src*=\"oauth-cc-explainer.js\"]');",
        vec![],
    )
    .await?;
    Ok(v == json!(true))
}

/// Makes the explainer's files slow or missing on the static server (see server.mjs).
async fn explainer_mode(cx: &Cx, mode: &str) -> R {
    cx.c.goto(&format!("{}?mode={mode}", cx.s("/explainerToggle")))
        .await
        .ctx("setting the explainer's mode")?;
    Ok(())
}

/// Requests an Auth0-shaped token with the page's own command, pastes it, checks: the verdict.
async fn auth0_round_trip(cx: &Cx, w: &Widget<'_>) -> R<String> {
    let out = cx
        .request_token(w, &cx.form("/auth0", "/auth0/client"))
        .await?;
    w.paste("Token response", &out).await?;
    w.check().await
}

/// A host page in another folder than the widget's files (a worker's address must be resolved
/// against the glue, not the page), under the strict policy sent with every response, the
/// worker's script included.
async fn through_the_worker(cx: &Cx) -> R {
    cx.open(&cx.s("/otherFolderPage")).await?;
    let w = Widget::wait(&cx.c, "#widget-x").await?;
    let verdict = auth0_round_trip(cx, &w).await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    expect_check(&w, "signature", "pass").await?;
    if explainer_in_page(cx).await? {
        return Err("the explainer ran in the page, not in its worker".to_string());
    }
    cx.check_event(Some("widget-x"), "pass").await
}

/// The README's case of a CDN: a host page that copies the built index.html's tags, with the
/// files on another origin. A page cannot start a worker from another origin, so the explainer
/// runs in the page; the stylesheets (with Subresource Integrity) must apply.
async fn files_on_another_origin(cx: &Cx) -> R {
    cx.open(&cx.s("/cdnHostPage")).await?;
    let w = Widget::wait(&cx.c, "#widget-x").await?;
    let styled = js(
        &cx.c,
        "const w = document.querySelector('#widget-x .occ-widget');
         return w ? getComputedStyle(w).getPropertyValue('--occ-accent').trim() : '';",
        vec![],
    )
    .await?;
    if styled.as_str().is_none_or(str::is_empty) {
        return Err("the widget's stylesheet from the other origin did not apply".to_string());
    }
    let verdict = auth0_round_trip(cx, &w).await?;
    expect_verdict(&verdict, "pass", &w.describe().await)?;
    if !explainer_in_page(cx).await? {
        return Err(
            "a worker from another origin cannot start, yet the page did not load the explainer"
                .to_string(),
        );
    }
    cx.check_event(Some("widget-x"), "pass").await
}

/// The worker's WebAssembly held back: a Check made before the worker is ready waits, and is
/// answered once it is.
async fn check_before_ready(cx: &Cx) -> R {
    // A response made first, so the check can be asked for right after the page opens.
    let w = cx.open_site().await?;
    let out = cx
        .request_token(&w, &cx.form("/auth0", "/auth0/client"))
        .await?;
    explainer_mode(cx, "slow").await?;
    let outcome = async {
        let w = cx.open_site().await?;
        let form = cx.form("/auth0", "/auth0/client");
        w.type_into("Token endpoint", &form.endpoint).await?;
        w.type_into("Client ID", &form.client_id).await?;
        w.type_into("Audience", &form.audience).await?;
        w.paste("Token response", &out).await?;
        let asked = Instant::now();
        w.click("Check your response").await?;
        let verdict = w.wait_verdict(Duration::from_secs(30)).await?;
        let waited = asked.elapsed();
        expect_verdict(&verdict, "pass", &w.describe().await)?;
        println!(
            "[e2e]    answered {:.1} s after Check (the worker's WebAssembly was held {} ms)",
            waited.as_secs_f64(),
            cx.srv["explainerDelayMs"]
        );
        Ok(())
    }
    .await;
    explainer_mode(cx, "normal").await?;
    outcome
}

/// The worker's script is missing: the page loads the explainer itself.
async fn worker_cannot_load(cx: &Cx) -> R {
    explainer_mode(cx, "no-worker").await?;
    let outcome = async {
        let w = cx.open_site().await?;
        let verdict = auth0_round_trip(cx, &w).await?;
        expect_verdict(&verdict, "pass", &w.describe().await)?;
        if !explainer_in_page(cx).await? {
            return Err(
                "the worker could not load, yet the page did not load the explainer".to_string(),
            );
        }
        Ok(())
    }
    .await;
    explainer_mode(cx, "normal").await?;
    outcome
}

/// Neither the worker nor the glue loads: the report area says so, no verdict is set, and the
/// form and command keep working.
async fn explainer_unavailable(cx: &Cx) -> R {
    explainer_mode(cx, "none").await?;
    let outcome = async {
        let w = cx.open_site().await?;
        w.paste("Token response", "{\"access_token\": \"x\"}")
            .await?;
        w.click("Check your response").await?;
        let said = wait_js(
            &cx.c,
            "the report area saying the checker could not load",
            Duration::from_secs(15),
            "const el = document.querySelector('[data-testid=unavailable]');
             return el ? el.textContent : null;",
            vec![],
        )
        .await?;
        println!("[e2e]    said: {said}");
        let root = js(
            &cx.c,
            "const r = document.querySelector('[data-oauth-cc-widget]');
             return [r.hasAttribute('data-verdict'), r.hasAttribute('aria-busy')];",
            vec![],
        )
        .await?;
        if root != json!([false, false]) {
            return Err(format!(
                "without a checker the root still has [data-verdict, aria-busy] = {root}"
            ));
        }
        w.type_into("Token endpoint", "dev-still-works.us.auth0.com")
            .await?;
        if !w.command().await?.contains("dev-still-works.us.auth0.com") {
            return Err("the command stopped following the form".to_string());
        }
        Ok(())
    }
    .await;
    explainer_mode(cx, "normal").await?;
    outcome
}

async fn host_page(cx: &Cx) -> R {
    println!(
        "[e2e]    host snippet from {}: {}",
        cx.s("/snippetSource"),
        cx.srv["snippetTags"]
    );
    cx.note_endpoint(&cx.s("/auth0/tokenEndpoint"));
    cx.note_endpoint(&cx.s("/generic/tokenEndpoint"));
    cx.open(&cx.s("/hostPage")).await?;
    let a = Widget::wait(&cx.c, "#widget-a").await?;
    let b = Widget::wait(&cx.c, "#widget-b").await?;

    // Unique ids, and every label points inside its own widget.
    let ids = js(
        &cx.c,
        "const ids = [...document.querySelectorAll('[id]')].map(e => e.id);
         const dupes = ids.filter((id, i) => ids.indexOf(id) !== i);
         const strays = [];
         for (const root of document.querySelectorAll('[data-oauth-cc-widget]')) {
           for (const l of root.querySelectorAll('label[for]')) {
             const target = document.getElementById(l.htmlFor);
             if (!target || !root.contains(target)) strays.push(root.id + ': ' + l.textContent.trim());
           }
         }
         return { dupes, strays, labels: document.querySelectorAll('[data-oauth-cc-widget] label[for]').length };",
        vec![],
    )
    .await?;
    if ids["dupes"] != json!([]) || ids["strays"] != json!([]) {
        return Err(format!("ids are not unique per widget: {ids}"));
    }

    // Each configured by its own data-* attributes; the unknown ones ignored.
    let auth0_endpoint = cx.s("/auth0/tokenEndpoint");
    if field_value(&a, "Token endpoint").await? != auth0_endpoint
        || field_value(&a, "Audience").await? != cx.s("/api")
    {
        return Err("widget A does not show its data-token-endpoint / data-audience".to_string());
    }
    if field_value(&a, "Client ID").await? != cx.s("/auth0/client/client_id") {
        return Err("widget A does not show its data-client-id".to_string());
    }
    if field_value(&b, "Token endpoint").await? != cx.s("/generic/tokenEndpoint")
        || !field_value(&b, "Audience").await?.is_empty()
    {
        return Err("widget B does not show its own configuration".to_string());
    }
    let shells = js(
        &cx.c,
        "const checked = (sel) => { const r = document.querySelector(sel);
            const i = [...r.querySelectorAll('input[type=radio]')].find(x => x.checked && x.labels[0] && /bash|PowerShell|cmd/.test(x.labels[0].textContent));
            return i ? i.labels[0].textContent : null; };
         const steps = (sel) => !!document.querySelector(sel + ' [data-section=instructions], ' + sel + ' [data-testid=steps]');
         return { a: checked('#widget-a'), b: checked('#widget-b'), stepsA: steps('#widget-a'), stepsB: steps('#widget-b') };",
        vec![],
    )
    .await?;
    if !shells["a"].as_str().is_some_and(|s| s.contains("bash"))
        || !shells["b"].as_str().is_some_and(|s| s.contains("cmd"))
    {
        return Err(format!("data-shell not applied per widget: {shells}"));
    }
    if shells["stepsA"] != json!(true) || shells["stepsB"] != json!(false) {
        return Err(format!(
            "data-instructions not applied per widget: {shells}"
        ));
    }

    // A passes; B, checked separately, fails; neither touches the other.
    let secret = cx.s("/auth0/client/client_secret");
    a.type_into("Client secret", &secret).await?;
    a.show_secret().await?;
    let command = a.command().await?;
    let out = cx.bash(&command).await?;
    a.paste("Token response", &out).await?;
    let verdict_a = a.check().await?;
    expect_verdict(&verdict_a, "pass", &a.describe().await)?;
    cx.check_event(Some("widget-a"), "pass").await?;
    let b_verdict = b
        .js("return arguments[0].getAttribute('data-verdict');", vec![])
        .await?;
    if !b_verdict.is_null() {
        return Err(format!(
            "checking widget A gave widget B a verdict too: {b_verdict}"
        ));
    }
    if !field_value(&b, "Token response").await?.is_empty()
        || !field_value(&b, "Client secret").await?.is_empty()
    {
        return Err("widget B shows what was typed into widget A".to_string());
    }
    b.paste("Token response", "hello").await?;
    let verdict_b = b.check().await?;
    if verdict_b == "pass" {
        return Err("widget B passed a paste of \"hello\"".to_string());
    }
    cx.check_event(Some("widget-b"), &verdict_b).await?;
    let still_a = a
        .js("return arguments[0].getAttribute('data-verdict');", vec![])
        .await?;
    if still_a != json!("pass") {
        return Err(format!(
            "checking widget B changed widget A's verdict to {still_a}"
        ));
    }

    // Storage namespaces keep the two apart.
    let stored = js(
        &cx.c,
        "const o = {}; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i); o[k] = localStorage.getItem(k); } return o;",
        vec![],
    )
    .await?;
    let map = stored.as_object().cloned().unwrap_or_default();
    let key_a = map.iter().find(|(k, _)| k.contains("lesson-a"));
    let key_b = map.iter().find(|(k, _)| k.contains("lesson-b"));
    match (key_a, key_b) {
        (Some((ka, va)), Some((kb, vb))) => {
            let (va, vb) = (va.to_string(), vb.to_string());
            if !va.contains(&cx.s("/auth0/client/client_id"))
                || vb.contains(&cx.s("/auth0/client/client_id"))
            {
                return Err(format!(
                    "storage namespaces do not separate the widgets: {ka}={va}, {kb}={vb}"
                ));
            }
        }
        _ => {
            return Err(format!(
                "no localStorage entries named after the namespaces lesson-a / lesson-b: {stored}"
            ))
        }
    }
    println!(
        "[e2e]    two widgets: {} labels, ids unique, verdicts A={verdict_a} B={verdict_b}",
        ids["labels"]
    );
    Ok(())
}

/// axe-core on the standalone page: empty widget, a pass report and a fail report, each in the
/// light and the dark colour scheme. No serious or critical violation is allowed.
async fn accessibility(cx: &Cx) -> R {
    let axe = std::fs::read_to_string(cx.root.join("node_modules/axe-core/axe.min.js"))
        .ctx("reading node_modules/axe-core/axe.min.js (run npm ci)")?;
    let mut problems = Vec::new();
    let mut audit = |label: String, v: Value| {
        let list = v.as_array().cloned().unwrap_or_default();
        let count = |impact: &str| list.iter().filter(|x| x["impact"] == json!(impact)).count();
        println!(
            "[e2e]    axe {label}: {} violations (critical {}, serious {}, moderate {}, minor {})",
            list.len(),
            count("critical"),
            count("serious"),
            count("moderate"),
            count("minor")
        );
        for x in &list {
            println!(
                "[e2e]      {} [{}] {} ×{} e.g. {}",
                x["id"], x["impact"], x["help"], x["nodes"], x["targets"]
            );
            if x["impact"] == json!("serious") || x["impact"] == json!("critical") {
                problems.push(format!(
                    "{label}: {} ({})",
                    x["id"].as_str().unwrap_or("?"),
                    x["impact"]
                ));
            }
        }
    };

    // State 1: the empty widget.
    let w = cx.open_site().await?;
    for scheme in ["light", "dark"] {
        audit(
            format!("empty widget, {scheme}"),
            run_axe(cx, &axe, scheme).await?,
        );
    }
    // State 2: a pass report (with the decoded token).
    let out = cx
        .request_token(&w, &cx.form("/auth0", "/auth0/client"))
        .await?;
    w.paste("Token response", &out).await?;
    w.check().await?;
    for scheme in ["light", "dark"] {
        audit(
            format!("pass report, {scheme}"),
            run_axe(cx, &axe, scheme).await?,
        );
    }
    browser::screenshot_element(&cx.c, FIRST, &cx.artifact("widget-dark.png")).await?;
    // State 3: a fail report (an opaque token).
    w.type_into("Audience", "").await?;
    let opaque = cx.bash(&w.command().await?).await?;
    w.paste("Token response", &opaque).await?;
    w.check().await?;
    for scheme in ["light", "dark"] {
        audit(
            format!("fail report, {scheme}"),
            run_axe(cx, &axe, scheme).await?,
        );
    }
    prefer(cx, None).await?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "serious or critical accessibility violations: {}",
            problems.join("; ")
        ))
    }
}

async fn run_axe(cx: &Cx, axe: &str, scheme: &str) -> R<Value> {
    prefer(cx, Some(scheme)).await?;
    let matches = js(
        &cx.c,
        "return matchMedia(`(prefers-color-scheme: ${arguments[0]})`).matches;",
        vec![json!(scheme)],
    )
    .await?;
    if matches != json!(true) {
        return Err(format!("could not emulate prefers-color-scheme: {scheme}"));
    }
    // Colour transitions started by the switch must end first, or axe measures blended colours.
    wait_js(
        &cx.c,
        "colour transitions to finish",
        Duration::from_secs(5),
        "return document.getAnimations().every(a => a.playState !== 'running');",
        vec![],
    )
    .await?;
    let loaded = js(&cx.c, "return typeof window.axe !== 'undefined';", vec![]).await?;
    if loaded != json!(true) {
        js(&cx.c, axe, vec![]).await?;
    }
    let v = cx
        .c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] })
               .then(r => done(r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.length, targets: v.nodes.slice(0, 3).map(n => n.target.join(' ') + (n.any && n.any[0] && n.any[0].data && n.any[0].data.contrastRatio
                     ? ` (${n.any[0].data.fgColor} on ${n.any[0].data.bgColor}: ${n.any[0].data.contrastRatio}:1, needs ${n.any[0].data.expectedContrastRatio})` : '')) }))))
               .catch(e => done({ error: String(e) }));",
            vec![],
        )
        .await
        .ctx("running axe")?;
    if let Some(e) = v.get("error") {
        return Err(format!("axe failed: {e}"));
    }
    Ok(v)
}

/// Over everything the run did: the page fetched only its own files and the issuers' discovery
/// documents and keys, and those only from the host the learner typed in that scenario; the
/// console never printed a secret or a token and reported no CSP violation or panic.
async fn privacy(cx: &Cx) -> R {
    cx.collect_logs().await?;
    let site = cx.s("/site");
    let static_origin = site.trim_end_matches("/lessons/cc/").to_string();
    let cdn_site = cx.s("/cdnSite");
    let mut jwks: Vec<String> = ["/generic/jwksUri", "/auth0/jwksUri", "/nocors/jwksUri"]
        .iter()
        .map(|p| cx.s(p))
        .collect();
    // The key hosts' keys (where each provider publishes them).
    jwks.extend(
        [
            "https://login.microsoftonline.com/common/discovery/keys",
            "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Ab12CdEfG/.well-known/jwks.json",
            "https://issuer.example.net/jwks",
        ]
        .map(str::to_string),
    );
    let mut issuer_origins: Vec<String> = ["/generic/issuer", "/auth0/issuer", "/nocors/issuer"]
        .iter()
        .map(|p| cx.s(p).trim_end_matches('/').to_string())
        .collect();
    for f in ["notfound", "html", "slow", "stopped"] {
        issuer_origins.push(cx.s(&format!("/fixtures/{f}")));
    }
    for h in [
        "login.microsoftonline.com",
        "cognito-idp.eu-west-1.amazonaws.com",
        "issuer.example.net",
    ] {
        issuer_origins.push(format!("https://{h}"));
    }

    let issuers = cx.issuers.borrow();
    let typed = |scenario: &str, url: &str| {
        let origin = origin_of(url);
        issuers.iter().any(|(s, o)| s == scenario && *o == origin)
    };
    let (mut own, mut discovery, mut keys, mut favicon) = (0, 0, 0, 0);
    let mut bad = Vec::new();
    for (scenario, method, url) in cx.network.borrow().iter() {
        let path_of = |origin: &str| url.strip_prefix(origin).filter(|p| p.starts_with('/'));
        let ok = if url.starts_with("about:") {
            true
        } else if let Some(rel) = url.strip_prefix(&site) {
            let rel = rel.split(['?', '#']).next().unwrap_or_default();
            let lesson = [
                "lesson.html",
                "lesson-bootstrap.html",
                "lesson.css",
                "bootstrap.min.css",
            ];
            let known = rel.is_empty()
                || rel == "host.html"
                || lesson.contains(&rel)
                || cx.dist_files.iter().any(|f| f == rel);
            own += usize::from(known);
            known
        } else if let Some(rel) = url.strip_prefix(&cdn_site) {
            // The same files from the "CDN" origin (the host page of another origin).
            let rel = rel.split(['?', '#']).next().unwrap_or_default();
            let known = cx.dist_files.iter().any(|f| f == rel);
            own += usize::from(known);
            known
        } else if [
            "/lessons/other/host.html",
            "/lessons/cdn-host.html",
            "/__e2e/explainer",
        ]
        .iter()
        .any(|p| url.split('?').next() == Some(format!("{static_origin}{p}").as_str()))
        {
            // The other host pages, and the harness's switch for the explainer's faults.
            true
        } else if url == &format!("{static_origin}/favicon.ico") {
            // Chromium's own request for the tab icon of a host page that names none; the
            // standalone page names its icon (issue 14: no 404 there).
            favicon += 1;
            scenario.starts_with("host snippet") || scenario.starts_with("explainer:")
        } else if !typed(scenario, url) {
            // Discovery or keys on a host the learner did not type in this scenario.
            false
        } else if jwks.contains(url) {
            keys += 1;
            true
        } else if issuer_origins.iter().any(|o| {
            path_of(o).is_some_and(|p| {
                p.ends_with("/.well-known/openid-configuration")
                    || p.starts_with("/.well-known/oauth-authorization-server")
            })
        }) {
            discovery += 1;
            true
        } else {
            false
        };
        if !ok || (method != "GET" && !url.starts_with("about:")) {
            bad.push(format!("{method} {url} (in \"{scenario}\")"));
        }
        for s in cx.secrets.borrow().iter() {
            if contains_secret(url, s) {
                bad.push(format!("a secret in the URL {url}"));
            }
        }
    }
    println!(
        "[e2e]    network: {} requests — {own} own files under {site}, {discovery} discovery, {keys} JWKS, {favicon} favicon (Chromium's own)",
        cx.network.borrow().len()
    );

    let mut console_problems = Vec::new();
    let (mut errors, mut total) = (0, 0);
    for (scenario, e) in cx.console.borrow().iter() {
        total += 1;
        let msg = e["message"].as_str().unwrap_or_default();
        if e["level"] == json!("SEVERE") {
            errors += 1;
        }
        for s in cx.secrets.borrow().iter() {
            if contains_secret(msg, s) {
                console_problems.push(format!(
                    "the console printed a client secret (in \"{scenario}\")"
                ));
            }
        }
        for t in cx.tokens.borrow().iter() {
            if msg.contains(t.as_str()) {
                console_problems.push(format!(
                    "the console printed an access token (in \"{scenario}\")"
                ));
            }
        }
        // The explainer's files made missing on purpose answer 404 as text, which the browser
        // refuses to run.
        let deliberate = scenario.starts_with("explainer: ")
            && (msg.contains("oauth-cc-explainer.js") || msg.contains("explainer-boot.js"));
        if (msg.contains("Content Security Policy") || msg.contains("Refused to")) && !deliberate {
            console_problems.push(format!("CSP violation in \"{scenario}\": {msg}"));
        }
        if msg.contains("panicked at") {
            console_problems.push(format!("a Rust panic in \"{scenario}\": {msg}"));
        }
    }
    println!("[e2e]    console: {total} entries ({errors} errors, expected from the refused and failing key fetches)");
    for (scenario, e) in cx.console.borrow().iter() {
        let msg = e["message"].as_str().unwrap_or_default();
        let short: String = msg.chars().take(180).collect();
        println!(
            "[e2e]      [{}] {} — {short}",
            e["level"].as_str().unwrap_or("?"),
            scenario
        );
    }
    bad.extend(console_problems);
    if bad.is_empty() {
        Ok(())
    } else {
        Err(bad.join("\n        "))
    }
}
