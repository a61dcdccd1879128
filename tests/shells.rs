#![cfg(not(target_arch = "wasm32"))]
//! Proof that every value reaches the server byte-exact, in every shell.
//!
//! * POSIX: the generated commands run through real bash, dash and zsh, with a `curl` shell
//!   function that prints its arguments; the arguments are then turned into what curl sends (a
//!   model of curl's option handling, itself checked against the real curl binary and a local HTTP
//!   listener in `real_curl_sends_what_the_model_says`), and decoded as a server would.
//! * PowerShell and cmd (not available here): reference parsers of their documented rules —
//!   PowerShell's single-quoted strings and both ways it passes arguments to a native program, and
//!   cmd's percent expansion and caret/quote handling followed by the C runtime's argv rules.
//!
//! The generated values cover all ASCII punctuation, quotes, `$`, backticks, `%`, `^`, `!`, spaces,
//! tabs, line breaks, control characters, non-ASCII (emoji, U+2019, no-break and zero-width spaces)
//! and empty values, in all five fields.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use oauth_cc_widget::core::endpoint::resolve_endpoint;
use oauth_cc_widget::core::quote;
use oauth_cc_widget::core::request::{
    build_command, ClientAuth, RequestInput, SecretDisplay, Shell,
};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

const SHELLS: [&str; 3] = ["/usr/bin/bash", "/usr/bin/dash", "/usr/bin/zsh"];
const AUTHS: [ClientAuth; 2] = [ClientAuth::Body, ClientAuth::Basic];

/// Generated inputs per batch, and batches: each batch runs once per shell process.
const BATCH: usize = 256;
const BATCHES: u32 = 12;
const MIN_INPUTS: usize = BATCH * BATCHES as usize;

fn require(path: &str) {
    assert!(
        Path::new(path).exists(),
        "{path} is missing. Run the project's test set-up, `bash .ci/test.sh`, which installs \
         bash, dash, zsh and curl."
    );
}

// ---------------------------------------------------------------------------------------------
// Generated values
//
// proptest chooses a seed per input; each seed expands into an input through the small generator
// below. proptest's own per-character value trees cost about half a second per batch of 256 inputs
// in an unoptimised test build, and shrinking a whole batch character by character would not help
// anyway: on a failure proptest shrinks the batch to the failing seed, and the message names the
// input in full.

/// SplitMix64: a tiny, well-mixed generator for expanding one seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

/// Every ASCII punctuation character, and the blanks.
const PUNCTUATION: &[u8] = b"!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ \t\n\r";

/// Non-ASCII characters with a history: curly quotes (PowerShell reads U+2018–U+201B as quotes),
/// blanks that are not spaces, a zero-width joiner, a combining accent, a C1 control, full-width
/// quotes, emoji.
const UNICODE: [char; 23] = [
    'é', 'ü', 'ß', '中', '😀', '👩', '\u{200D}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}',
    '\u{201C}', '\u{201D}', '\u{A0}', '\u{200B}', '\u{FEFF}', '\u{2028}', '\u{85}', '€', '\u{9B}',
    '\u{0301}', '\u{FF02}', '\u{FF07}',
];

fn gen_char(g: &mut Gen) -> char {
    match g.below(13) {
        0..=3 => char::from(0x20 + g.below(0x5F) as u8),
        4..=7 => char::from(g.pick(PUNCTUATION)),
        8 | 9 => g.pick(&UNICODE),
        10 => char::from(g.below(0x20) as u8),
        11 => '\u{7F}',
        _ => loop {
            if let Some(c) = char::from_u32((g.next() % 0x11_0000) as u32) {
                break c;
            }
        },
    }
}

/// Empty one time in nine; otherwise 1 to 23 characters.
fn gen_value(g: &mut Gen) -> String {
    if g.below(9) == 0 {
        return String::new();
    }
    let len = 1 + g.below(23);
    (0..len).map(|_| gen_char(g)).collect()
}

/// Endpoints from a set that exercises quoting of the URL too (`'`, `$`, `&`, `%`, `!`, `(`), plus
/// the empty field and a rejected one (both give a placeholder).
const ENDPOINTS: [&str; 10] = [
    "dev-abc123.us.auth0.com",
    "https://dev-abc123.eu.auth0.com/",
    "https://login.example.com/oauth/token?tenant=a&b=$HOME",
    "https://id.example.com/x/token?q=%25PATH%25:a=b&c=(1)!",
    "https://kc.example.com/realms/o'brien/protocol/openid-connect/token",
    "http://127.0.0.1:4444/oauth2/token",
    "http://[::1]:3000/oauth/token",
    "https://acme.okta.com/oauth2/default/v1/token?x=*;,+",
    "",
    "http://remote.example.com/oauth/token",
];

fn gen_input(seed: u64) -> RequestInput {
    let mut g = Gen(seed);
    RequestInput {
        endpoint: g.pick(&ENDPOINTS).to_string(),
        client_id: gen_value(&mut g),
        client_secret: gen_value(&mut g),
        audience: gen_value(&mut g),
        scope: gen_value(&mut g),
    }
}

/// 1 to 5 raw values (no NUL: no argument can hold one) for testing the quoting functions alone.
fn gen_raw_values(seed: u64) -> Vec<String> {
    let mut g = Gen(seed ^ 0x5EED);
    let n = 1 + g.below(5);
    (0..n)
        .map(|_| gen_value(&mut g).replace('\0', ""))
        .collect()
}

fn seeds() -> impl Strategy<Value = Vec<u64>> {
    prop::collection::vec(any::<u64>(), BATCH)
}

/// Values chosen for each shell's pitfalls.
fn tricky_values() -> Vec<String> {
    [
        "",
        " ",
        "'",
        "''",
        "'\\''",
        "\"",
        "\"\"",
        "\\",
        "\\\\",
        "\\\"",
        "a\\",
        "a b\\",
        "a\\\\ b",
        "\"a b\"",
        "$HOME",
        "${x}",
        "$(id)",
        "`id`",
        "!!",
        "!x!",
        "^",
        "^^",
        "^\"",
        "%",
        "%%",
        "100%",
        "%PATH%",
        "%PATH:a=b%",
        "%PATH:~0,3%",
        "%=C:%",
        "%^",
        "%\"",
        "&|<>()",
        "a&b",
        ";ls",
        "#x",
        "~",
        "~root",
        "*",
        "?",
        "[a]",
        "{a,b}",
        "=x",
        "-x",
        "--%",
        "@file",
        "a=b",
        "a:b",
        "a+b",
        "+",
        "a b",
        "\t",
        "\n",
        "\r\n",
        "a\u{0}b",
        "\u{1B}[31m",
        "\u{7F}",
        "é",
        "😀",
        "it\u{2019}s",
        "\u{2018}\u{2019}\u{201A}\u{201B}",
        "\u{201C}x\u{201D}",
        "\u{A0}",
        "\u{200B}",
        "\u{FEFF}",
        "\u{2028}",
        "`",
        "``",
        "`n",
        "` ",
        "$",
        "$$",
        "$?",
        "$'x'",
        "{YOUR_CLIENT_ID}",
        "a\nb\nc",
        " lead",
        "trail ",
        "%41",
        "%4",
        "%%41",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn tricky_inputs() -> Vec<RequestInput> {
    let values = tricky_values();
    let mut out = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let other = &values[(i * 7 + 3) % values.len()];
        out.push(RequestInput {
            endpoint: ENDPOINTS[i % ENDPOINTS.len()].to_string(),
            client_id: v.clone(),
            client_secret: other.clone(),
            audience: v.clone(),
            scope: other.clone(),
        });
        out.push(RequestInput {
            endpoint: ENDPOINTS[(i + 1) % ENDPOINTS.len()].to_string(),
            client_id: other.clone(),
            client_secret: v.clone(),
            audience: String::new(),
            scope: v.clone(),
        });
    }
    out
}

// ---------------------------------------------------------------------------------------------
// What the server must receive

struct Expected {
    url: String,
    fields: Vec<(String, String)>,
    basic: Option<(String, String)>,
}

fn expected(input: &RequestInput, auth: ClientAuth) -> Expected {
    let url = match resolve_endpoint(&input.endpoint) {
        Ok(r) => r.url,
        Err(p) if p.message.is_empty() => "https://{YOUR_DOMAIN}/oauth/token".to_string(),
        Err(_) => "{YOUR_TOKEN_ENDPOINT}".to_string(),
    };
    let or = |v: &str, placeholder: &str| {
        if v.is_empty() {
            placeholder.to_string()
        } else {
            v.to_string()
        }
    };
    let id = or(&input.client_id, "{YOUR_CLIENT_ID}");
    let secret = or(&input.client_secret, "{YOUR_CLIENT_SECRET}");
    let mut fields = vec![("grant_type".to_string(), "client_credentials".to_string())];
    let basic = match auth {
        ClientAuth::Body => {
            fields.push(("client_id".into(), id));
            fields.push(("client_secret".into(), secret));
            None
        }
        ClientAuth::Basic => Some((id, secret)),
    };
    if !input.audience.is_empty() {
        fields.push(("audience".into(), input.audience.clone()));
    }
    if !input.scope.is_empty() {
        fields.push(("scope".into(), input.scope.clone()));
    }
    Expected { url, fields, basic }
}

// ---------------------------------------------------------------------------------------------
// A model of curl: from its arguments to the request it sends

#[derive(Debug)]
struct Sent {
    url: String,
    body: Vec<u8>,
    /// `-u` as given: curl base64-encodes it into the Authorization header.
    user: Option<Vec<u8>>,
}

/// What `--data-urlencode` does to the content: RFC 3986 unreserved characters stay, a space
/// becomes `+` (older curl versions wrote `%20`; a server decodes both to a space), every other
/// byte becomes `%XX`.
fn curl_escape(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for &b in bytes {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b);
        } else if b == b' ' {
            out.push(b'+');
        } else {
            out.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    out
}

fn emulate_curl(args: &[Vec<u8>]) -> Result<Sent, String> {
    let mut url = None;
    let mut parts: Vec<Vec<u8>> = Vec::new();
    let mut user = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut next = || {
            it.next()
                .cloned()
                .ok_or("an option lacks its value".to_string())
        };
        match arg.as_slice() {
            b"-sS" | b"-g" => {}
            b"-w" => {
                if next()? != b"\\n" {
                    return Err("-w is not \\n".into());
                }
            }
            b"--data" => {
                let v = next()?;
                if v.first() == Some(&b'@') {
                    return Err("--data would read a file".into());
                }
                parts.push(v);
            }
            b"--data-urlencode" => {
                // curl: `name=content` (the first `=`), else `name@file`, else `content`.
                let v = next()?;
                if let Some(eq) = v.iter().position(|&b| b == b'=') {
                    let mut p = v[..eq].to_vec();
                    if !p.is_empty() {
                        p.push(b'=');
                    }
                    p.extend(curl_escape(&v[eq + 1..]));
                    parts.push(p);
                } else if v.contains(&b'@') {
                    return Err("--data-urlencode would read a file".into());
                } else {
                    parts.push(curl_escape(&v));
                }
            }
            b"-u" => user = Some(next()?),
            a if a.first() == Some(&b'-') => {
                return Err(format!("unexpected option {}", String::from_utf8_lossy(a)))
            }
            a => {
                if url.is_some() {
                    return Err("two URLs".into());
                }
                url = Some(String::from_utf8(a.to_vec()).map_err(|e| e.to_string())?);
            }
        }
    }
    Ok(Sent {
        url: url.ok_or("no URL")?,
        body: parts.join(&b'&'),
        user,
    })
}

/// application/x-www-form-urlencoded decoding, strict: a `%` must start a `%XX` escape.
fn form_decode(bytes: &[u8]) -> Result<String, String> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or("a % without two hex digits")?;
                out.push(hex);
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| "not UTF-8 after decoding".to_string())
}

fn decode_form(body: &[u8]) -> Result<Vec<(String, String)>, String> {
    body.split(|&b| b == b'&')
        .map(|pair| {
            let eq = pair
                .iter()
                .position(|&b| b == b'=')
                .ok_or("a field without =")?;
            Ok((form_decode(&pair[..eq])?, form_decode(&pair[eq + 1..])?))
        })
        .collect()
}

/// RFC 6749 §2.3.1 from the server's side: split the Basic credentials at the first colon, then
/// form-decode both halves.
fn decode_basic(user: &[u8]) -> Result<(String, String), String> {
    let colon = user
        .iter()
        .position(|&b| b == b':')
        .ok_or("no colon in -u")?;
    Ok((
        form_decode(&user[..colon])?,
        form_decode(&user[colon + 1..])?,
    ))
}

fn verify(sent: &Sent, want: &Expected) -> Result<(), String> {
    if sent.url != want.url {
        return Err(format!("URL {:?}, expected {:?}", sent.url, want.url));
    }
    let fields = decode_form(&sent.body)?;
    if fields != want.fields {
        return Err(format!(
            "form fields {fields:?}, expected {:?}",
            want.fields
        ));
    }
    let basic = sent.user.as_deref().map(decode_basic).transpose()?;
    if basic != want.basic {
        return Err(format!(
            "Basic credentials {basic:?}, expected {:?}",
            want.basic
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Running real POSIX shells

static SCRIPT_SEQ: AtomicUsize = AtomicUsize::new(0);

/// Runs `commands` (each a whole command, possibly over several lines) in one process of `shell`,
/// with `curl` defined as a function that prints its argument count and arguments, NUL-terminated.
/// Returns each command's arguments, or why that failed.
fn run_posix(shell: &str, commands: &[String]) -> Result<Vec<Vec<Vec<u8>>>, String> {
    let mut script = String::from("curl() { printf '%s\\0' \"$#\" \"$@\"; }\n");
    for c in commands {
        script.push_str(c);
        script.push('\n');
    }
    let path = std::env::temp_dir().join(format!(
        "occ-shells-{}-{}.sh",
        std::process::id(),
        SCRIPT_SEQ.fetch_add(1, Ordering::Relaxed)
    ));
    std::fs::write(&path, script).map_err(|e| e.to_string())?;
    let mut cmd = Command::new(shell);
    if shell.ends_with("zsh") {
        cmd.arg("-f");
    }
    let output = cmd
        .arg(&path)
        .env("LC_ALL", "C.UTF-8")
        .env_remove("BASH_ENV")
        .env_remove("ENV")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| e.to_string());
    let _ = std::fs::remove_file(&path);
    let output = output?;
    if !output.status.success() || !output.stderr.is_empty() {
        return Err(format!(
            "{shell} exited with {} and said: {}",
            output.status,
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let mut tokens = output.stdout.split(|&b| b == 0);
    let mut runs = Vec::new();
    while let Some(count) = tokens.next() {
        if count.is_empty() {
            break; // the empty piece after the final NUL
        }
        let n: usize = std::str::from_utf8(count)
            .ok()
            .and_then(|c| c.parse().ok())
            .ok_or("unreadable argument count")?;
        let args: Vec<Vec<u8>> = tokens.by_ref().take(n).map(<[u8]>::to_vec).collect();
        if args.len() != n {
            return Err("truncated output".into());
        }
        runs.push(args);
    }
    if runs.len() != commands.len() {
        return Err(format!(
            "{shell} ran {} commands out of {}",
            runs.len(),
            commands.len()
        ));
    }
    Ok(runs)
}

/// The bash commands for `inputs` × both auth methods, with what each must send.
fn posix_commands(
    inputs: &[RequestInput],
) -> Result<Vec<(String, &RequestInput, ClientAuth)>, String> {
    let mut out = Vec::new();
    for input in inputs {
        for auth in AUTHS {
            let cmd = build_command(input, Shell::Bash, auth, SecretDisplay::Reveal)
                .map_err(|e| format!("{input:?}: {}", e.message))?;
            out.push((cmd, input, auth));
        }
    }
    Ok(out)
}

/// Runs the commands through `shell`; returns how many were checked, or the first mismatch with
/// the input that caused it.
fn check_posix_batch(
    shell: &str,
    batch: &[(String, &RequestInput, ClientAuth)],
) -> Result<usize, String> {
    let commands: Vec<String> = batch.iter().map(|(c, _, _)| c.clone()).collect();
    let runs = match run_posix(shell, &commands) {
        Ok(runs) => runs,
        Err(batch_error) => {
            // Find the command that broke the batch.
            for (cmd, input, auth) in batch {
                if let Err(e) = run_posix(shell, std::slice::from_ref(cmd)) {
                    return Err(format!("{shell}, {auth:?}, {input:?}:\n{cmd}\n{e}"));
                }
            }
            return Err(batch_error);
        }
    };
    for (args, (cmd, input, auth)) in runs.iter().zip(batch) {
        let ctx = |e: String| format!("{shell}, {auth:?}, {input:?}:\n{cmd}\n{e}");
        let sent = emulate_curl(args).map_err(ctx)?;
        verify(&sent, &expected(input, *auth)).map_err(ctx)?;
    }
    Ok(batch.len())
}

/// Quotes raw strings with `quote::posix` and checks the shell hands them back unchanged — even
/// the control characters the command builder sends pre-encoded.
fn check_posix_quote(shell: &str, values: &[Vec<String>]) -> Result<usize, String> {
    let commands: Vec<String> = values
        .iter()
        .map(|vs| {
            let mut c = String::from("curl");
            for v in vs {
                c.push(' ');
                c.push_str(&quote::posix(v));
            }
            c
        })
        .collect();
    let runs = run_posix(shell, &commands)?;
    for ((args, vs), cmd) in runs.iter().zip(values).zip(&commands) {
        let want: Vec<Vec<u8>> = vs.iter().map(|v| v.as_bytes().to_vec()).collect();
        if *args != want {
            return Err(format!(
                "{shell}: {vs:?} came back as {args:?} from:\n{cmd}"
            ));
        }
    }
    Ok(values.iter().map(Vec::len).sum())
}

#[test]
fn posix_commands_deliver_every_value_byte_exact_in_bash_dash_and_zsh() {
    for shell in SHELLS {
        require(shell);
    }
    let inputs_run = AtomicUsize::new(0);
    let commands_run = AtomicUsize::new(0);
    let quoted_run = AtomicUsize::new(0);

    // The hand-picked values first, then generated batches.
    let tricky = tricky_inputs();
    let tricky_commands = posix_commands(&tricky).unwrap_or_else(|e| panic!("{e}"));
    for shell in SHELLS {
        let n = check_posix_batch(shell, &tricky_commands).unwrap_or_else(|e| panic!("{e}"));
        commands_run.fetch_add(n, Ordering::Relaxed);
    }

    let config = Config {
        cases: BATCHES,
        failure_persistence: None,
        max_shrink_iters: 200,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&seeds(), |seeds| {
        let inputs: Vec<RequestInput> = seeds.iter().map(|&s| gen_input(s)).collect();
        let raw: Vec<Vec<String>> = seeds.iter().map(|&s| gen_raw_values(s)).collect();
        let commands = posix_commands(&inputs).map_err(TestCaseError::fail)?;
        for shell in SHELLS {
            let n = check_posix_batch(shell, &commands).map_err(TestCaseError::fail)?;
            commands_run.fetch_add(n, Ordering::Relaxed);
            let q = check_posix_quote(shell, &raw).map_err(TestCaseError::fail)?;
            quoted_run.fetch_add(q, Ordering::Relaxed);
        }
        inputs_run.fetch_add(inputs.len(), Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("mismatch: {e}");
    }
    let inputs = inputs_run.load(Ordering::Relaxed);
    let commands = commands_run.load(Ordering::Relaxed);
    let quoted = quoted_run.load(Ordering::Relaxed);
    assert!(inputs >= MIN_INPUTS, "only {inputs} generated inputs ran");
    // Each input: 2 auth methods × 3 shells, plus the hand-picked ones.
    assert!(
        commands >= MIN_INPUTS * 2 * 3,
        "only {commands} commands ran"
    );
    assert!(quoted >= MIN_INPUTS * 3, "only {quoted} quoted values ran");
}

// ---------------------------------------------------------------------------------------------
// The real curl, against a local listener: the model above is what curl really does

fn base64_decode(s: &str) -> Option<Vec<u8>> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = Vec::new();
    for c in s.trim_end_matches('=').bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        bits = (bits << 6) | v;
        n += 6;
        if n >= 8 {
            n -= 8;
            out.push((bits >> n) as u8);
            bits &= (1 << n) - 1;
        }
    }
    Some(out)
}

/// One HTTP request as the listener received it: the body and the Basic credentials, if any.
fn read_request(stream: &mut std::net::TcpStream) -> Option<(Vec<u8>, Option<Vec<u8>>)> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        if let Some(end) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&data[..end]).to_string();
            let mut length = 0usize;
            let mut auth = None;
            for line in head.lines().skip(1) {
                let (name, value) = line.split_once(':')?;
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse().ok()?;
                }
                if name.eq_ignore_ascii_case("authorization") {
                    auth = value.trim().strip_prefix("Basic ").and_then(base64_decode);
                }
            }
            while data.len() < end + 4 + length {
                let n = stream.read(&mut buf).ok()?;
                if n == 0 {
                    return None;
                }
                data.extend_from_slice(&buf[..n]);
            }
            return Some((data[end + 4..end + 4 + length].to_vec(), auth));
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    }
}

#[test]
fn real_curl_sends_what_the_model_says() {
    require("/usr/bin/bash");
    require("/usr/bin/curl");
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().expect("its address").port();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { break };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
            let request = read_request(&mut stream);
            let _ = stream.write_all(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\
                  Connection: close\r\n\r\n{}",
            );
            if tx.send(request).is_err() {
                break;
            }
        }
    });

    let endpoint = format!("http://127.0.0.1:{port}/oauth/token");
    let mut inputs: Vec<RequestInput> = tricky_inputs()
        .into_iter()
        .map(|mut i| {
            i.endpoint = endpoint.clone();
            i
        })
        .collect();
    for seed in 0..20 {
        let mut i = gen_input(seed);
        i.endpoint = endpoint.clone();
        inputs.push(i);
    }

    let mut commands = Vec::new();
    let mut wants = Vec::new();
    for input in &inputs {
        for auth in AUTHS {
            let cmd =
                build_command(input, Shell::Bash, auth, SecretDisplay::Reveal).expect("a command");
            // The function stand-in records what the model is fed; the real curl then runs.
            commands.push(format!("{cmd} >/dev/null"));
            wants.push((input.clone(), auth, cmd));
        }
    }
    let home = std::env::temp_dir().join(format!("occ-curl-home-{}", std::process::id()));
    std::fs::create_dir_all(&home).expect("a temporary HOME");
    let script = home.join("requests.sh");
    std::fs::write(&script, commands.join("\n")).expect("the script");
    let status = Command::new("/usr/bin/bash")
        .arg(&script)
        .env("HOME", &home)
        .env("CURL_HOME", &home)
        .env("NO_PROXY", "*")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .env("LC_ALL", "C.UTF-8")
        .stdin(Stdio::null())
        .status()
        .expect("bash runs");
    let _ = std::fs::remove_dir_all(&home);
    assert!(status.success(), "the curl commands failed: {status}");

    // The model, fed the same commands' arguments through the stand-in, in one bash process.
    let bare: Vec<String> = wants.iter().map(|(_, _, cmd)| cmd.clone()).collect();
    let modelled = run_posix("/usr/bin/bash", &bare).expect("the stand-in");
    for ((input, auth, cmd), args) in wants.iter().zip(&modelled) {
        let (body, basic) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("curl reached the listener")
            .expect("a readable request");
        let want = expected(input, *auth);
        let fields = decode_form(&body).unwrap_or_else(|e| panic!("{e}\n{cmd}"));
        assert_eq!(fields, want.fields, "{auth:?} {input:?}\n{cmd}");
        let basic = basic
            .as_deref()
            .map(decode_basic)
            .transpose()
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(basic, want.basic, "{auth:?} {input:?}\n{cmd}");

        // And the model predicts exactly that body and those credentials.
        let sent = emulate_curl(args).expect("the model");
        assert_eq!(sent.body, body, "{cmd}");
        assert_eq!(
            sent.user.as_deref().map(decode_basic).transpose(),
            Ok(basic),
            "{cmd}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Windows: reference parsers of the documented rules

/// The C runtime's (and `CommandLineToArgvW`'s) splitting of a command line into arguments, after
/// the program name: `2n` backslashes before `"` give `n` and toggle quoting, `2n + 1` give `n`
/// and a literal `"`, other backslashes are literal; `""` inside quotes is a literal `"` (the
/// runtime's rule since 2008); spaces and tabs outside quotes separate arguments.
fn crt_split(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.chars().collect();
    let mut args = Vec::new();
    let mut i = 0;
    loop {
        while i < chars.len() && (chars[i] == ' ' || chars[i] == '\t') {
            i += 1;
        }
        if i >= chars.len() {
            break;
        }
        let mut arg = String::new();
        let mut quoted = false;
        loop {
            let mut backslashes = 0;
            while i < chars.len() && chars[i] == '\\' {
                backslashes += 1;
                i += 1;
            }
            if i < chars.len() && chars[i] == '"' {
                arg.extend(std::iter::repeat_n('\\', backslashes / 2));
                if backslashes % 2 == 1 {
                    arg.push('"');
                    i += 1;
                } else if quoted && chars.get(i + 1) == Some(&'"') {
                    arg.push('"');
                    i += 2;
                } else {
                    quoted = !quoted;
                    i += 1;
                }
                continue;
            }
            arg.extend(std::iter::repeat_n('\\', backslashes));
            if i >= chars.len() || (!quoted && (chars[i] == ' ' || chars[i] == '\t')) {
                break;
            }
            arg.push(chars[i]);
            i += 1;
        }
        args.push(arg);
    }
    args
}

fn is_ps_quote(c: char) -> bool {
    matches!(c, '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}')
}

/// PowerShell's tokenizer, for the subset a generated command may use: barewords made of
/// `[A-Za-z0-9._-]` (the program and curl's options), single-quoted verbatim strings in which two
/// quote characters (any of `' ‘ ’ ‚ ‛`) stand for the second, and a backtick right before a line
/// break to continue the line. Anything else is an error: it would mean something to PowerShell.
fn ps_tokenize(text: &str) -> Result<Vec<String>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            ' ' => i += 1,
            '`' => {
                if chars.get(i + 1) != Some(&'\n') {
                    return Err("a backtick not at the end of a line".into());
                }
                i += 2;
            }
            '\n' => return Err("a line break ends the command early".into()),
            c if is_ps_quote(c) => {
                i += 1;
                let mut s = String::new();
                loop {
                    let Some(&c) = chars.get(i) else {
                        return Err("an unterminated string".into());
                    };
                    if is_ps_quote(c) {
                        match chars.get(i + 1) {
                            Some(&d) if is_ps_quote(d) => {
                                s.push(d);
                                i += 2;
                            }
                            _ => {
                                i += 1;
                                break;
                            }
                        }
                    } else {
                        s.push(c);
                        i += 1;
                    }
                }
                if chars.get(i).is_some_and(|&c| c != ' ') {
                    return Err("a string followed by more text".into());
                }
                tokens.push(s);
            }
            _ => {
                let start = i;
                while i < chars.len() && chars[i] != ' ' && chars[i] != '\n' {
                    let c = chars[i];
                    if !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
                        return Err(format!("a bareword with {c:?}"));
                    }
                    i += 1;
                }
                tokens.push(chars[start..i].iter().collect());
            }
        }
    }
    Ok(tokens)
}

/// How Windows PowerShell 5.1 and pwsh before 7.3 ("Legacy") build a native command line: an
/// empty argument is dropped, one with whitespace is wrapped in `"` with nothing escaped.
fn ps_legacy_command_line(args: &[String]) -> String {
    let mut line = String::new();
    for a in args {
        if a.is_empty() {
            continue;
        }
        if !line.is_empty() {
            line.push(' ');
        }
        if a.chars().any(char::is_whitespace) {
            line.push('"');
            line.push_str(a);
            line.push('"');
        } else {
            line.push_str(a);
        }
    }
    line
}

/// How pwsh 7.3+ ("Windows"/"Standard") builds it: each argument quoted by the C runtime's rules.
fn ps_standard_command_line(args: &[String]) -> String {
    args.iter()
        .map(|a| quote::windows_argv(a, false))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What `curl.exe` receives from a PowerShell command, under both argument-passing modes (they
/// must agree).
fn powershell_argv(cmd: &str) -> Result<Vec<String>, String> {
    let tokens = ps_tokenize(cmd)?;
    let (program, args) = tokens.split_first().ok_or("no program")?;
    if program != "curl.exe" {
        return Err(format!("the program is {program}, not curl.exe"));
    }
    let legacy = crt_split(&ps_legacy_command_line(args));
    let standard = crt_split(&ps_standard_command_line(args));
    if legacy != *args {
        return Err(format!("Windows PowerShell 5.1 would pass {legacy:?}"));
    }
    if standard != *args {
        return Err(format!("PowerShell 7.3+ would pass {standard:?}"));
    }
    Ok(args.to_vec())
}

/// What the interactive cmd.exe prompt makes of `text`, up to the command line it starts the
/// program with.
///
/// Phase 1, percent expansion, pessimistically: any `%name%` or `%name:…%` whose name does not
/// start with `^` is treated as a defined variable (the learner may have any), which is an error.
/// Phase 2: a `^` outside quotes makes the next character literal and is removed (`^` before a line
/// break joins the next line, whose first character is then literal); `"` toggles quoting, inside
/// which `^` is literal; unescaped `& | < > ( )` outside quotes and a line break anywhere else are
/// errors. Delayed expansion (`!`) is off, cmd's default.
fn cmd_interpret(text: &str) -> Result<String, String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c != '%' {
            continue;
        }
        if let Some(len) = chars[i + 1..].iter().position(|&d| d == '%') {
            let name: String = chars[i + 1..i + 1 + len].iter().collect();
            let name_part = name.split(':').next().unwrap_or("");
            if !name_part.is_empty() && !name_part.starts_with('^') {
                return Err(format!("cmd would expand %{name}%"));
            }
        }
    }
    let mut out = String::new();
    let mut quoted = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if quoted {
            match c {
                '"' => quoted = false,
                '\n' => return Err("a line break inside quotes ends the command".into()),
                _ => {}
            }
            out.push(c);
            i += 1;
            continue;
        }
        match c {
            '^' => match chars.get(i + 1) {
                None => return Err("a caret at the very end waits for More?".into()),
                Some('\n') => {
                    let Some(&first) = chars.get(i + 2) else {
                        return Err("a continuation with nothing after it".into());
                    };
                    out.push(first);
                    i += 3;
                }
                Some(&next) => {
                    out.push(next);
                    i += 2;
                }
            },
            '"' => {
                quoted = true;
                out.push(c);
                i += 1;
            }
            '&' | '|' | '<' | '>' | '(' | ')' => {
                return Err(format!("an unescaped {c} outside quotes"))
            }
            '\n' => return Err("a line break ends the command early".into()),
            _ => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

fn cmd_argv(cmd: &str) -> Result<Vec<String>, String> {
    let line = cmd_interpret(cmd)?;
    let rest = line
        .strip_prefix("curl.exe ")
        .ok_or("the program is not curl.exe")?;
    Ok(crt_split(rest))
}

fn check_windows(shell: Shell, inputs: &[RequestInput]) -> Result<usize, String> {
    let mut n = 0;
    for input in inputs {
        for auth in AUTHS {
            let cmd = build_command(input, shell, auth, SecretDisplay::Reveal)
                .map_err(|e| format!("{input:?}: {}", e.message))?;
            let ctx = |e: String| format!("{shell:?}, {auth:?}, {input:?}:\n{cmd}\n{e}");
            if !cmd.is_ascii() {
                return Err(ctx(
                    "not ASCII: a curl.exe reading the ANSI code page would \
                                mangle it"
                        .into(),
                ));
            }
            let argv = match shell {
                Shell::PowerShell => powershell_argv(&cmd),
                _ => cmd_argv(&cmd),
            }
            .map_err(ctx)?;
            let args: Vec<Vec<u8>> = argv.iter().map(|a| a.as_bytes().to_vec()).collect();
            let sent = emulate_curl(&args).map_err(ctx)?;
            verify(&sent, &expected(input, auth)).map_err(ctx)?;
            n += 1;
        }
    }
    Ok(n)
}

/// The quoting functions alone, on raw strings: PowerShell (parsed back, and through both native
/// argument modes when the string is safe for them), the C runtime's argv quoting, and cmd.
fn check_windows_quoting(values: &[String]) -> Result<usize, String> {
    for v in values {
        // PowerShell: the tokenizer gives back the string, whatever it holds.
        let cmd = format!("curl.exe {}", quote::powershell(v));
        let tokens = ps_tokenize(&cmd).map_err(|e| format!("{v:?}: {cmd}: {e}"))?;
        if tokens.get(1) != Some(v) || tokens.len() != 2 {
            return Err(format!(
                "PowerShell: {v:?} came back as {tokens:?} from {cmd}"
            ));
        }
        // The C runtime's argv rules.
        for force in [false, true] {
            let q = quote::windows_argv(v, force);
            let back = crt_split(&format!("{q} x"));
            if back != [v.clone(), "x".to_string()] {
                return Err(format!("argv: {v:?} came back as {back:?} from {q}"));
            }
        }
        // cmd: refused exactly when the string holds a control character.
        match quote::cmd(v) {
            None if v.chars().any(|c| c.is_ascii_control()) => {}
            None => return Err(format!("cmd refused {v:?}")),
            Some(q) => {
                let line = format!("curl.exe {q} ^\n  {q} ^\n  x");
                let back = cmd_argv(&line).map_err(|e| format!("cmd: {v:?}: {line}: {e}"))?;
                if back != [v.clone(), v.clone(), "x".to_string()] {
                    return Err(format!("cmd: {v:?} came back as {back:?} from {line}"));
                }
            }
        }
    }
    Ok(values.len())
}

#[test]
fn powershell_and_cmd_commands_deliver_every_value_by_the_documented_rules() {
    let mut checked = 0;
    for shell in [Shell::PowerShell, Shell::Cmd] {
        checked += check_windows(shell, &tricky_inputs()).unwrap_or_else(|e| panic!("{e}"));
    }
    checked += check_windows_quoting(&tricky_values()).unwrap_or_else(|e| panic!("{e}"));

    let mut runner = TestRunner::new(Config {
        cases: BATCHES,
        failure_persistence: None,
        ..Config::default()
    });
    let counted = AtomicUsize::new(0);
    let result = runner.run(&seeds(), |seeds| {
        let inputs: Vec<RequestInput> = seeds.iter().map(|&s| gen_input(s)).collect();
        let raw: Vec<String> = seeds.iter().flat_map(|&s| gen_raw_values(s)).collect();
        let mut n = 0;
        for shell in [Shell::PowerShell, Shell::Cmd] {
            n += check_windows(shell, &inputs).map_err(TestCaseError::fail)?;
        }
        n += check_windows_quoting(&raw).map_err(TestCaseError::fail)?;
        counted.fetch_add(n, Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("mismatch: {e}");
    }
    checked += counted.load(Ordering::Relaxed);
    assert!(
        checked >= MIN_INPUTS * 2 * 2,
        "only {checked} Windows cases ran"
    );
}

#[test]
fn the_reference_parsers_know_the_classic_traps() {
    // CommandLineToArgvW's documented examples.
    assert_eq!(crt_split(r#""abc" d e"#), ["abc", "d", "e"]);
    assert_eq!(crt_split(r"a\\\b d"), [r"a\\\b", "d"]);
    assert_eq!(crt_split(r#"a\\\"b c d"#), [r#"a\"b"#, "c", "d"]);
    assert_eq!(crt_split(r#"a\\\\"b c" d e"#), [r"a\\b c", "d", "e"]);
    assert_eq!(crt_split(r#""a"" b""#), [r#"a" b"#]);
    // cmd: an unescaped & ends the command; a caret inside quotes stays; %PATH% expands.
    assert!(cmd_interpret("curl.exe a&b").is_err());
    assert_eq!(
        cmd_interpret("curl.exe \"a^b\"").unwrap(),
        "curl.exe \"a^b\""
    );
    assert!(cmd_interpret("curl.exe ^%PATH:a=b^%").is_err());
    assert!(cmd_interpret("curl.exe %^PATH:a=b%^x").is_ok());
    assert_eq!(
        cmd_interpret("curl.exe a ^\n  b").unwrap(),
        "curl.exe a   b"
    );
    // PowerShell: curly quotes end strings; legacy mode drops empty arguments and breaks quotes.
    assert_eq!(ps_tokenize("x 'it’’s'").unwrap(), ["x", "it’s"]);
    assert!(ps_tokenize("x 'it’s'").is_err());
    assert_eq!(
        crt_split(&ps_legacy_command_line(&["a\"b c".into()])),
        ["ab", "c"]
    );
    assert_eq!(
        crt_split(&ps_legacy_command_line(&["".into(), "x".into()])),
        ["x"]
    );
}
