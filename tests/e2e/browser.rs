//! The WebDriver session (fantoccini over plain HTTP to chromedriver on loopback), Chromium's
//! console and network logs, DevTools commands, and small page helpers with explicit waits.

use std::path::Path;
use std::time::{Duration, Instant};

use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client, Locator};
use serde_json::{json, Value};

use crate::b64;

pub type R<T = ()> = Result<T, String>;

/// Adds context to any error.
pub trait Ctx<T> {
    fn ctx(self, what: impl std::fmt::Display) -> R<T>;
}

impl<T, E: std::fmt::Display> Ctx<T> for Result<T, E> {
    fn ctx(self, what: impl std::fmt::Display) -> R<T> {
        self.map_err(|e| format!("{what}: {e}"))
    }
}

/// Chromium's flags for a closed network (see ../shared/guide/toolchain.md); `extra` are more
/// flags (the key hosts' name mapping).
pub async fn connect(driver: &str, user_data_dir: &Path, extra: Vec<String>) -> R<Client> {
    let mut args = vec![
        "--headless=new".to_string(),
        "--no-sandbox".to_string(),
        "--disable-gpu".to_string(),
        "--disable-dev-shm-usage".to_string(),
        "--disable-background-networking".to_string(),
        "--disable-component-update".to_string(),
        "--disable-sync".to_string(),
        "--no-first-run".to_string(),
        "--disable-quic".to_string(),
        "--window-size=1280,900".to_string(),
        format!("--user-data-dir={}", user_data_dir.display()),
    ];
    // Headless Chromium answers prefers-color-scheme with "light" unless told otherwise; the dark
    // theme is emulated per page through DevTools (Emulation.setEmulatedMedia).
    args.push("--lang=en-US".to_string());
    args.extend(extra);
    let mut options =
        json!({ "args": args, "perfLoggingPrefs": { "enableNetwork": true, "enablePage": false } });
    if let Ok(bin) = std::env::var("CHROME") {
        options["binary"] = json!(bin);
    } else if Path::new("/usr/bin/chromium").exists() {
        options["binary"] = json!("/usr/bin/chromium");
    }
    let caps: Capabilities = serde_json::from_value(json!({
        "browserName": "chrome",
        "goog:chromeOptions": options,
        "goog:loggingPrefs": { "browser": "ALL", "performance": "ALL" },
    }))
    .ctx("capabilities")?;
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    Client::with_capabilities_and_connector(driver, &caps, connector)
        .await
        .ctx("starting a Chromium session through chromedriver")
}

/// A POST to a chromedriver extension endpoint under the session (`goog/cdp/execute`, `se/log`).
#[derive(Debug)]
struct SessionPost {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for SessionPost {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// Runs a Chrome DevTools Protocol command on the current page.
pub async fn cdp(c: &Client, cmd: &str, params: Value) -> R<Value> {
    c.issue_cmd(SessionPost {
        path: "goog/cdp/execute",
        body: json!({ "cmd": cmd, "params": params }),
    })
    .await
    .ctx(format!("DevTools {cmd}"))
}

/// Drains one of Chromium's logs (`browser`: the console; `performance`: DevTools events).
pub async fn drain_log(c: &Client, kind: &str) -> R<Vec<Value>> {
    let v = c
        .issue_cmd(SessionPost {
            path: "se/log",
            body: json!({ "type": kind }),
        })
        .await
        .ctx(format!("reading the {kind} log"))?;
    Ok(v.as_array().cloned().unwrap_or_default())
}

/// Runs `script` with `args`; the script's `return` value comes back.
pub async fn js(c: &Client, script: &str, args: Vec<Value>) -> R<Value> {
    c.execute(script, args)
        .await
        .ctx(format!("running script {:?}", first_line(script)))
}

fn first_line(s: &str) -> &str {
    s.trim().lines().next().unwrap_or("")
}

/// Polls `script` (given `args`) every 100 ms until it returns a truthy value, which is returned.
pub async fn wait_js(
    c: &Client,
    what: &str,
    timeout: Duration,
    script: &str,
    args: Vec<Value>,
) -> R<Value> {
    let deadline = Instant::now() + timeout;
    loop {
        let v = js(c, script, args.clone()).await?;
        let truthy =
            !matches!(&v, Value::Null | Value::Bool(false)) && v != json!("") && v != json!(0);
        if truthy {
            return Ok(v);
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "timed out after {} s waiting for {what}",
                timeout.as_secs()
            ));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Saves a PNG of the element matched by `css` (all of it, even beyond the viewport).
pub async fn screenshot_element(c: &Client, css: &str, path: &Path) -> R {
    screenshot_top(c, css, f64::MAX, path).await
}

/// Saves a PNG of the top of the element matched by `css`, at most `height` CSS pixels of it.
pub async fn screenshot_top(c: &Client, css: &str, height: f64, path: &Path) -> R {
    let rect = js(
        c,
        "const el = document.querySelector(arguments[0]); if (!el) return null;
         el.scrollIntoView({block: 'start'});
         const r = el.getBoundingClientRect();
         return { x: r.left + window.scrollX, y: r.top + window.scrollY, width: r.width, height: r.height };",
        vec![json!(css)],
    )
    .await?;
    if rect.is_null() {
        return Err(format!("no element {css} to screenshot"));
    }
    let mut clip = rect;
    clip["scale"] = json!(1);
    if clip["height"].as_f64().is_some_and(|h| h > height) {
        clip["height"] = json!(height);
    }
    let shot = cdp(
        c,
        "Page.captureScreenshot",
        json!({ "format": "png", "captureBeyondViewport": true, "clip": clip }),
    )
    .await?;
    let data = shot["data"].as_str().ok_or("no screenshot data")?;
    let png = b64::decode_std(data).ok_or("screenshot is not base64")?;
    std::fs::write(path, png).ctx(format!("writing {}", path.display()))
}

/// One widget instance, found by its root element (`[data-oauth-cc-widget]`).
pub struct Widget<'a> {
    pub c: &'a Client,
    /// A CSS selector that matches this widget's root only.
    pub sel: String,
}

impl<'a> Widget<'a> {
    /// Waits until the widget in `sel` is mounted and shows its form.
    pub async fn wait(c: &'a Client, sel: &str) -> R<Widget<'a>> {
        wait_js(
            c,
            &format!("the widget {sel} to mount"),
            Duration::from_secs(20),
            "const root = document.querySelector(arguments[0]);
             return !!root && root.hasAttribute('data-oauth-cc-mounted')
                 && [...root.querySelectorAll('label')].some(l => l.textContent.trim() === 'Token endpoint');",
            vec![json!(sel)],
        )
        .await?;
        Ok(Widget {
            c,
            sel: sel.to_string(),
        })
    }

    async fn root(&self) -> R<fantoccini::elements::Element> {
        self.c
            .find(Locator::Css(&self.sel))
            .await
            .ctx(format!("finding {}", self.sel))
    }

    /// Runs `script` with this widget's root as `arguments[0]` and `extra` after it.
    pub async fn js(&self, script: &str, extra: Vec<Value>) -> R<Value> {
        let root = self.root().await?;
        let mut args = vec![serde_json::to_value(&root).ctx("root element")?];
        args.extend(extra);
        js(self.c, script, args).await
    }

    /// The control that the label with exactly this text points at (by its `for`), which must
    /// be inside this widget.
    pub async fn control(&self, label: &str) -> R<fantoccini::elements::Element> {
        let root = self.root().await?;
        let xpath = format!(".//label[normalize-space()={}]", xpath_literal(label));
        let l = root
            .find(Locator::XPath(&xpath))
            .await
            .ctx(format!("no label \"{label}\" in {}", self.sel))?;
        let id = l
            .attr("for")
            .await
            .ctx("label for")?
            .ok_or_else(|| format!("label \"{label}\" has no for attribute"))?;
        root.find(Locator::Css(&format!("[id=\"{id}\"]")))
            .await
            .ctx(format!(
                "label \"{label}\" points at #{id}, which is not inside {}",
                self.sel
            ))
    }

    /// Types `value` into the labelled field as a learner would, replacing what was there.
    pub async fn type_into(&self, label: &str, value: &str) -> R {
        let el = self.control(label).await?;
        el.click().await.ctx(format!("clicking \"{label}\""))?;
        // Select all, delete (an input event the widget sees), then type.
        let select_all = format!("{}a{}{}", '\u{e009}', '\u{e000}', '\u{e003}');
        el.send_keys(&select_all)
            .await
            .ctx(format!("clearing \"{label}\""))?;
        if !value.is_empty() {
            el.send_keys(value)
                .await
                .ctx(format!("typing into \"{label}\""))?;
        }
        let now = self
            .js(
                "return document.getElementById(arguments[1]).value;",
                vec![json!(el.attr("id").await.ctx("id")?)],
            )
            .await?;
        if now.as_str() != Some(value) {
            return Err(format!("\"{label}\" holds {now} after typing {value:?}"));
        }
        Ok(())
    }

    /// Pastes `text` into the labelled field the way the browser does for Ctrl+V: a trusted
    /// `insertText` edit (one input event), not one key press per character.
    pub async fn paste(&self, label: &str, text: &str) -> R {
        let el = self.control(label).await?;
        el.click().await.ctx(format!("clicking \"{label}\""))?;
        let v = js(
            self.c,
            "const [el, text] = arguments;
             // A textarea's value has its line breaks normalised to LF, as after a real paste.
             const want = text.replace(/\\r\\n?/g, '\\n');
             el.focus();
             el.select();
             const ok = document.execCommand('insertText', false, text);
             if (!ok || el.value !== want) {
               el.value = text;
               el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
               return 'value+input';
             }
             return 'insertText';",
            vec![serde_json::to_value(&el).ctx("element")?, json!(text)],
        )
        .await?;
        let now = js(
            self.c,
            "return arguments[0].value;",
            vec![serde_json::to_value(&el).ctx("element")?],
        )
        .await?;
        if now.as_str() != Some(text.replace("\r\n", "\n").replace('\r', "\n").as_str()) {
            return Err(format!(
                "\"{label}\" does not hold the pasted text (paste via {v})"
            ));
        }
        Ok(())
    }

    /// Clicks the label whose text contains `text` (a radio button's label).
    pub async fn choose(&self, text: &str) -> R {
        let root = self.root().await?;
        let xpath = format!(
            ".//label[contains(normalize-space(), {})]",
            xpath_literal(text)
        );
        let l = root
            .find(Locator::XPath(&xpath))
            .await
            .ctx(format!("no label containing \"{text}\""))?;
        l.click().await.ctx(format!("choosing \"{text}\""))?;
        let id = l.attr("for").await.ctx("for")?.unwrap_or_default();
        let checked = self
            .js(
                "const el = document.getElementById(arguments[1]); return !!el && el.checked;",
                vec![json!(id)],
            )
            .await?;
        if checked != json!(true) {
            return Err(format!(
                "the choice \"{text}\" is not checked after clicking its label"
            ));
        }
        Ok(())
    }

    pub async fn button(&self, text: &str) -> R<fantoccini::elements::Element> {
        let root = self.root().await?;
        let xpath = format!(".//button[normalize-space()={}]", xpath_literal(text));
        root.find(Locator::XPath(&xpath))
            .await
            .ctx(format!("no button \"{text}\" in {}", self.sel))
    }

    pub async fn click(&self, text: &str) -> R {
        self.button(text)
            .await?
            .click()
            .await
            .ctx(format!("clicking \"{text}\""))
    }

    /// Clicks "Show secret" (if not pressed yet) and checks `aria-pressed`.
    pub async fn show_secret(&self) -> R {
        let b = self.button("Show secret").await?;
        if b.attr("aria-pressed").await.ctx("aria-pressed")?.as_deref() != Some("true") {
            b.click().await.ctx("clicking Show secret")?;
        }
        let pressed = b.attr("aria-pressed").await.ctx("aria-pressed")?;
        if pressed.as_deref() != Some("true") {
            return Err(format!(
                "Show secret has aria-pressed={pressed:?} after clicking"
            ));
        }
        Ok(())
    }

    /// The text of `[data-testid=token-request]`: the command for the chosen shell.
    pub async fn command(&self) -> R<String> {
        let v = self
            .js(
                "const el = arguments[0].querySelector('[data-testid=token-request]');
                 return el ? el.textContent : null;",
                vec![],
            )
            .await?;
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| "no [data-testid=token-request] (is a field invalid?)".to_string())
    }

    /// Clicks "Check your response" and waits until the check is complete.
    pub async fn check(&self) -> R<String> {
        self.click("Check your response").await?;
        self.wait_verdict(Duration::from_secs(30)).await
    }

    /// Waits until the root has `data-verdict` and no `aria-busy`; returns the verdict.
    pub async fn wait_verdict(&self, timeout: Duration) -> R<String> {
        let root = serde_json::to_value(self.root().await?).ctx("root")?;
        let v = wait_js(
            self.c,
            &format!("data-verdict on {} (without aria-busy)", self.sel),
            timeout,
            "const r = arguments[0];
             return !r.hasAttribute('aria-busy') && r.getAttribute('data-verdict');",
            vec![root],
        )
        .await?;
        Ok(v.as_str().unwrap_or_default().to_string())
    }

    /// (status, text) of the check with this `data-check-id`.
    pub async fn check_item(&self, id: &str) -> R<(String, String)> {
        let v = self
            .js(
                "const el = arguments[0].querySelector(`[data-check-id=\"${arguments[1]}\"]`);
                 return el ? [el.getAttribute('data-status'), el.textContent] : null;",
                vec![json!(id)],
            )
            .await?;
        match v.as_array() {
            Some(a) => Ok((
                a.first()
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
                a.get(1)
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string(),
            )),
            None => Err(format!(
                "the report has no check with data-check-id=\"{id}\""
            )),
        }
    }

    /// Every check of the report as (id, status, text).
    pub async fn checks(&self) -> R<Vec<(String, String, String)>> {
        let v = self
            .js(
                "return [...arguments[0].querySelectorAll('[data-check-id]')]
                   .map(el => [el.getAttribute('data-check-id'), el.getAttribute('data-status'), el.textContent]);",
                vec![],
            )
            .await?;
        Ok(v.as_array()
            .map(|a| {
                a.iter()
                    .map(|x| {
                        let s = |i: usize| {
                            x.get(i)
                                .and_then(Value::as_str)
                                .unwrap_or_default()
                                .to_string()
                        };
                        (s(0), s(1), s(2))
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// The text of `[data-testid=report]`.
    pub async fn report_text(&self) -> R<String> {
        let v = self
            .js(
                "const el = arguments[0].querySelector('[data-testid=report]'); return el ? el.textContent : null;",
                vec![],
            )
            .await?;
        v.as_str()
            .map(str::to_string)
            .ok_or_else(|| "no [data-testid=report]".to_string())
    }

    /// A short description of the report for failure messages.
    pub async fn describe(&self) -> String {
        let headline = self
            .js(
                "const h = arguments[0].querySelector('[data-testid=headline]'); return h ? h.textContent : '(no headline)';",
                vec![],
            )
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let checks = self.checks().await.unwrap_or_default();
        let list: Vec<String> = checks
            .iter()
            .map(|(id, st, _)| format!("{id}={st}"))
            .collect();
        format!("headline {headline:?}; checks [{}]", list.join(", "))
    }
}

/// An XPath string literal for any text (XPath 1.0 has no escapes).
fn xpath_literal(s: &str) -> String {
    if !s.contains('\'') {
        format!("'{s}'")
    } else if !s.contains('"') {
        format!("\"{s}\"")
    } else {
        let parts: Vec<String> = s.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}
