//! The processes the suite starts: the Node server (tests/e2e/server.mjs) and chromedriver, which
//! starts Chromium. Both run in their own process group; `Procs` ends each group on drop, so
//! nothing is left running even when a scenario fails or panics.

use std::io::{BufRead, BufReader, Read};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::time::{Duration, Instant};

use std::os::unix::process::CommandExt;

#[derive(Default)]
pub struct Procs {
    children: Vec<(&'static str, Child)>,
    /// Held open: the Node server exits when its stdin closes (even if this process is killed).
    _server_stdin: Option<ChildStdin>,
}

impl Procs {
    /// Starts `node tests/e2e/server.mjs` and returns the JSON line it prints when ready.
    pub fn start_server(&mut self, root: &Path, dist: &Path) -> Result<serde_json::Value, String> {
        let mut child = Command::new("node")
            .arg(root.join("tests/e2e/server.mjs"))
            .arg(dist)
            .arg(root.join("README.md"))
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("could not start node (is Node.js 20 on PATH?): {e}"))?;
        self._server_stdin = child.stdin.take();
        let stdout = child.stdout.take().ok_or("node has no stdout")?;
        self.children.push(("node server", child));

        // Read the one ready line on a thread, so a server that never answers cannot hang us.
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let mut reader = BufReader::new(stdout);
            let result = reader.read_line(&mut line).map(|_| line);
            let _ = tx.send(result);
            // Keep draining (the server prints nothing more on stdout, but never block it).
            let mut sink = Vec::new();
            let _ = reader.read_to_end(&mut sink);
        });
        let line = rx
            .recv_timeout(Duration::from_secs(30))
            .map_err(|_| "the node server did not print its ready line within 30 s".to_string())?
            .map_err(|e| format!("reading the node server's ready line: {e}"))?;
        serde_json::from_str(line.trim()).map_err(|e| {
            format!(
                "the node server's ready line is not JSON ({e}): {line:?} (see its stderr above)"
            )
        })
    }

    /// Starts chromedriver on a free loopback port and waits until it answers; returns its URL.
    pub fn start_chromedriver(&mut self, log_path: &Path) -> Result<String, String> {
        let port = free_port()?;
        let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".to_string());
        let child = Command::new(&binary)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log_path.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .map_err(|e| format!("could not start {binary}: {e}"))?;
        self.children.push(("chromedriver", child));
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(format!("http://127.0.0.1:{port}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Err(format!(
            "chromedriver did not listen on port {port} within 20 s"
        ))
    }
}

impl Drop for Procs {
    fn drop(&mut self) {
        self._server_stdin = None;
        for (name, child) in self.children.iter_mut().rev() {
            if let Ok(Some(_)) = child.try_wait() {
                continue;
            }
            // The child leads its own process group: end the group (chromedriver's Chromium too).
            let group = format!("-{}", child.id());
            let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if let Ok(Some(_)) = child.try_wait() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            if let Ok(None) = child.try_wait() {
                eprintln!("[e2e] {name} did not stop on SIGTERM: killing its process group");
                let _ = Command::new("kill").args(["-KILL", "--", &group]).status();
                let _ = child.wait();
            }
        }
    }
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("no free port: {e}"))
}
