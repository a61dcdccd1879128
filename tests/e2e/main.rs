//! End-to-end suite (issue 7, and the browser-level proofs of issue 6): the release `dist/` served
//! under a sub-path with the documented Content-Security-Policy, real authorization servers
//! (oidc-provider, one of them shaped like Auth0), real bash and curl, and headless Chromium driven
//! through chromedriver. Every scenario goes through the page as a learner would.
//!
//! Run by `.ci/e2e.sh` (part of `.ci/test.sh`) after `trunk build --release`:
//! `cargo test --locked --test e2e -- --nocapture --test-threads=1`. Not part of plain
//! `cargo test` (`test = false` in Cargo.toml): it needs the built site, Node and Chromium.
//!
//! Artefacts (screenshots, chromedriver's log) go to `test-artifacts/` (gitignored).

mod b64;
mod browser;
mod procs;
mod scenarios;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use scenarios::Cx;

/// One scenario may take at most this long (the slowest waits for the widget's 10 s fetch timeout).
const SCENARIO_LIMIT: Duration = Duration::from_secs(120);

#[test]
fn end_to_end() {
    let started = Instant::now();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    // E2E_DIST: another build of the site (by default the release build in dist/).
    let dist = std::env::var_os("E2E_DIST").map_or_else(|| root.join("dist"), PathBuf::from);
    assert!(
        dist.join("index.html").is_file(),
        "no dist/index.html: build the site first (source .ci/setup.sh && setup_all && trunk build --release)"
    );
    let artifacts = root.join("test-artifacts");
    std::fs::create_dir_all(&artifacts).expect("creating test-artifacts/");
    let profile = TempDir::new("oauth-cc-e2e-chromium");

    let mut procs = procs::Procs::default();
    let srv = procs
        .start_server(&root, &dist)
        .unwrap_or_else(|e| panic!("{e}"));
    let driver = procs
        .start_chromedriver(&artifacts.join("chromedriver.log"))
        .unwrap_or_else(|e| panic!("{e}"));
    println!(
        "[e2e] servers ready, chromedriver at {driver} ({:.1} s)",
        started.elapsed().as_secs_f64()
    );

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let (passed, failed) = rt.block_on(async {
        let client = browser::connect(&driver, &profile.0, key_host_flags(&srv))
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let cx = Cx::new(client, srv, root.clone(), dist.clone(), artifacts.clone());
        let outcome = scenarios::run_all(&cx, SCENARIO_LIMIT).await;
        if let Err(e) = cx.c.clone().close().await {
            eprintln!("[e2e] closing the browser session: {e}");
        }
        outcome
    });
    drop(procs);

    println!(
        "\n[e2e] finished in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    println!("{passed} passed, {failed} failed");
    assert_eq!(
        failed, 0,
        "{failed} end-to-end scenario(s) failed (details above)"
    );
}

/// Real providers' host names sent to the server's https port, whose self-signed certificate
/// the browser accepts (`keyHosts` in tests/e2e/server.mjs): nothing leaves the machine.
fn key_host_flags(srv: &serde_json::Value) -> Vec<String> {
    let port = srv["keyHosts"]["port"].as_u64().unwrap_or(0);
    let rules: Vec<String> = srv["keyHosts"]["hosts"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(serde_json::Value::as_str)
        .map(|h| format!("MAP {h}:443 127.0.0.1:{port}"))
        .collect();
    vec![
        format!("--host-resolver-rules={}", rules.join(", ")),
        "--ignore-certificate-errors".to_string(),
    ]
}

/// A fresh temporary directory, removed on drop (Chromium's profile).
struct TempDir(PathBuf);

impl TempDir {
    fn new(prefix: &str) -> TempDir {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default();
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("creating a temporary profile directory");
        TempDir(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Every file of `dist/`, as paths relative to it with `/` separators.
pub fn dist_files(dist: &Path) -> Vec<String> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else if let Ok(rel) = p.strip_prefix(base) {
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    let mut out = Vec::new();
    walk(dist, dist, &mut out);
    out.sort();
    out
}
