//! A small Chrome DevTools Protocol client for the browser test: it launches a headless Chromium
//! with a throwaway profile ([`Browser`], which kills it and removes the profile when dropped,
//! panicking test or not), talks to it over one WebSocket ([`Connection`]: commands numbered by
//! id, the replies matched to them, every event kept in order), and drives one tab ([`Page`]:
//! navigate, evaluate, type, click with the mouse, screenshot). Every wait has a deadline and
//! panics with what it was waiting for; nothing here sleeps.

use std::io::{BufRead, BufReader, ErrorKind};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use shenguan_testkit::TempDir;
use tungstenite::{Message, WebSocket};

/// How long any one wait may take: generous for a loaded 2-core machine, short enough that a
/// hang is reported rather than stalling the suite.
pub const TIMEOUT: Duration = Duration::from_secs(20);

/// A headless Chromium process and its profile folder, both gone when this is dropped.
#[derive(Debug)]
pub struct Browser {
    child: Child,
    profile: TempDir,
    /// The browser-wide DevTools WebSocket address, as Chromium printed it.
    endpoint: String,
}

impl Browser {
    /// Starts `executable` headless with a fresh profile and waits for its DevTools address.
    pub fn launch(executable: &Path) -> Browser {
        let profile = TempDir::new("chromium");
        let mut child = Command::new(executable)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--window-size=1280,900",
                // Port 0: the system picks a free port and Chromium prints it, so parallel runs
                // never collide.
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", executable.display()));
        // Chromium writes to stderr for its whole life: a thread keeps reading it so that a full
        // pipe never blocks the browser, and hands each line over while anyone listens.
        let stderr = child.stderr.take().expect("stderr is piped");
        let (lines, heard) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = lines.send(line);
            }
        });
        // Owned from here on, so that a panic below still kills the process.
        let mut browser = Browser {
            child,
            profile,
            endpoint: String::new(),
        };
        let deadline = Instant::now() + TIMEOUT;
        let mut said = Vec::new();
        browser.endpoint = loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match heard.recv_timeout(left) {
                Ok(line) => match line.split_once("DevTools listening on ") {
                    Some((_, url)) => break url.trim().to_string(),
                    None => said.push(line),
                },
                Err(RecvTimeoutError::Timeout) => panic!(
                    "{} printed no DevTools address within {TIMEOUT:?}; it said:\n{}",
                    executable.display(),
                    said.join("\n")
                ),
                Err(RecvTimeoutError::Disconnected) => panic!(
                    "{} exited before printing its DevTools address; it said:\n{}",
                    executable.display(),
                    said.join("\n")
                ),
            }
        };
        browser
    }

    /// A new tab, attached over a fresh connection to the browser.
    pub fn open_page(&self) -> Page {
        let mut connection = Connection::open(&self.endpoint);
        let target = connection.call(None, "Target.createTarget", json!({"url": "about:blank"}));
        let target = target["targetId"]
            .as_str()
            .expect("a target id")
            .to_string();
        // Flat mode: the tab's commands and events travel on this same socket, tagged with the
        // session id, instead of being wrapped in Target.sendMessageToTarget.
        let attached = connection.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target, "flatten": true}),
        );
        let session = attached["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        let mut page = Page {
            connection,
            session,
        };
        for domain in ["Page", "Network", "Runtime", "Log"] {
            page.call(&format!("{domain}.enable"), json!({}));
        }
        page
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        // SIGTERM first: Chromium then stops its GPU, network and renderer processes itself,
        // which a SIGKILL would leave running for a moment, still writing into the profile.
        let asked = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        let deadline = Instant::now() + Duration::from_secs(5);
        while asked && Instant::now() < deadline && matches!(self.child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(20));
        }
        // Whatever happened above, the process must not outlive the test.
        let _ = self.child.kill();
        let _ = self.child.wait();
        // A helper process may still be finishing a write there: try again for a while.
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::fs::remove_dir_all(self.profile.path()).is_err()
            && self.profile.path().exists()
            && Instant::now() < deadline
        {
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A protocol event: its method, parameters, and the session (tab) it came from, if any.
#[derive(Clone, Debug)]
pub struct Event {
    pub method: String,
    pub params: Value,
    pub session: Option<String>,
}

/// One WebSocket to the browser: commands go out numbered, replies are matched by number, and
/// every event that arrives meanwhile is appended to [`Connection::events`], never dropped.
#[derive(Debug)]
pub struct Connection {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    events: Vec<Event>,
}

impl Connection {
    fn open(endpoint: &str) -> Connection {
        let address = endpoint
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("not a ws:// address: {endpoint}"));
        let stream = TcpStream::connect(address)
            .unwrap_or_else(|e| panic!("cannot reach DevTools at {address}: {e}"));
        stream.set_read_timeout(Some(TIMEOUT)).expect("a timeout");
        let (socket, _) = tungstenite::client(endpoint, stream)
            .unwrap_or_else(|e| panic!("no WebSocket handshake with {endpoint}: {e}"));
        Connection {
            socket,
            next_id: 1,
            events: Vec::new(),
        }
    }

    /// Sends a command (to a tab's `session`, or to the browser) and returns its result; a
    /// protocol error panics.
    pub fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        let mut command = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            command["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::text(command.to_string()))
            .unwrap_or_else(|e| panic!("cannot send {method}: {e}"));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let mut message = self.receive(deadline, &format!("the reply to {method}"));
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].take();
            }
        }
    }

    /// How many events have arrived so far: pass it to [`Connection::wait_for`] to wait only
    /// for events after this point.
    pub fn mark(&self) -> usize {
        self.events.len()
    }

    /// The first event numbered `since` or later that matches; reads on until one arrives.
    pub fn wait_for(
        &mut self,
        since: usize,
        what: &str,
        matches: impl Fn(&Event) -> bool,
    ) -> Event {
        let deadline = Instant::now() + TIMEOUT;
        let mut next = since;
        loop {
            if let Some(found) = self.events[next..].iter().find(|e| matches(e)) {
                return found.clone();
            }
            next = self.events.len();
            self.receive(deadline, what);
        }
    }

    /// Every event received so far, in order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// Reads one message; an event is also appended to the log. Panics at the deadline.
    fn receive(&mut self, deadline: Instant, what: &str) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                panic!("no {what} within {TIMEOUT:?}");
            }
            self.socket
                .get_mut()
                .set_read_timeout(Some(left))
                .expect("a timeout");
            let text = match self.socket.read() {
                Ok(Message::Text(text)) => text,
                // Pings are answered by tungstenite itself; nothing else carries protocol data.
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
                {
                    panic!("no {what} within {TIMEOUT:?}")
                }
                Err(e) => panic!("the DevTools connection failed while waiting for {what}: {e}"),
            };
            let message: Value = serde_json::from_str(text.as_str())
                .unwrap_or_else(|e| panic!("DevTools sent something not JSON ({e}): {text}"));
            if let Some(method) = message["method"].as_str() {
                self.events.push(Event {
                    method: method.to_string(),
                    params: message["params"].clone(),
                    session: message["sessionId"].as_str().map(str::to_string),
                });
            }
            return message;
        }
    }
}

/// One tab: commands go to its session; waits look only at its events.
#[derive(Debug)]
pub struct Page {
    connection: Connection,
    session: String,
}

impl Page {
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.connection.call(Some(&self.session), method, params)
    }

    /// See [`Connection::mark`].
    pub fn mark(&self) -> usize {
        self.connection.mark()
    }

    /// The first event of this tab named `method`, numbered `since` or later.
    pub fn wait_for(&mut self, since: usize, method: &str) -> Event {
        let session = self.session.clone();
        self.connection.wait_for(since, method, |e| {
            e.method == method && e.session.as_deref() == Some(session.as_str())
        })
    }

    /// This tab's events so far.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events_since(0)
    }

    /// This tab's events numbered `since` or later.
    pub fn events_since(&self, since: usize) -> impl Iterator<Item = &Event> {
        self.connection.events()[since..]
            .iter()
            .filter(|e| e.session.as_deref() == Some(self.session.as_str()))
    }

    /// Loads `url` and waits for its load event.
    pub fn navigate(&mut self, url: &str) {
        let mark = self.mark();
        self.call("Page.navigate", json!({"url": url}));
        self.wait_for(mark, "Page.loadEventFired");
    }

    /// The value of a JavaScript expression (promises awaited); a thrown exception panics.
    pub fn evaluate(&mut self, expression: &str) -> Value {
        let mut reply = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(details) = reply.get("exceptionDetails") {
            panic!("`{expression}` threw: {details}");
        }
        reply["result"]["value"].take()
    }

    /// Focuses the element `selector` finds and types `text` into it, as a keyboard would.
    pub fn type_into(&mut self, selector: &str, text: &str) {
        let found = self.evaluate(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return false; e.focus(); return true; }})()",
            json!(selector)
        ));
        assert_eq!(found, json!(true), "no {selector} on the page");
        self.call("Input.insertText", json!({"text": text}));
    }

    /// Clicks the middle of the first element `selector` finds with the left mouse button,
    /// scrolling it into view first, and waits for the page it leads to to load. Returns the
    /// element's `href` (if any) and text.
    pub fn click_and_wait(&mut self, selector: &str) -> (Option<String>, String) {
        let target = self.evaluate(&format!(
            "(() => {{ const e = document.querySelector({}); if (!e) return null; \
             e.scrollIntoView({{block: 'center'}}); const r = e.getBoundingClientRect(); \
             return {{x: r.left + r.width / 2, y: r.top + r.height / 2, \
             href: e.getAttribute('href'), text: e.textContent}}; }})()",
            json!(selector)
        ));
        assert!(!target.is_null(), "no {selector} on the page");
        let (x, y) = (&target["x"], &target["y"]);
        let mark = self.mark();
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            );
        }
        self.wait_for(mark, "Page.loadEventFired");
        (
            target["href"].as_str().map(str::to_string),
            target["text"].as_str().unwrap_or_default().to_string(),
        )
    }

    /// Saves the whole page (not just the window, up to 10,000 pixels down) as a PNG at
    /// `path`; returns its bytes.
    pub fn screenshot(&mut self, path: &Path) -> Vec<u8> {
        let metrics = self.call("Page.getLayoutMetrics", json!({}));
        let size = &metrics["cssContentSize"];
        let height = size["height"].as_f64().unwrap_or(900.0).min(10_000.0);
        let shot = self.call(
            "Page.captureScreenshot",
            json!({
                "format": "png",
                "captureBeyondViewport": true,
                "clip": {"x": 0, "y": 0, "width": size["width"], "height": height, "scale": 1},
            }),
        );
        let png = decode_base64(shot["data"].as_str().expect("screenshot data"));
        std::fs::write(path, &png).unwrap_or_else(|e| panic!("cannot write {path:?}: {e}"));
        png
    }
}

/// Standard base64 (with or without padding) to bytes: what DevTools sends screenshots as.
pub fn decode_base64(text: &str) -> Vec<u8> {
    let sextet = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {:?}", char::from(c)),
    };
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    // Bits not yet written out; never more than 6 + 7 of them, so a u16 holds them.
    let (mut bits, mut held) = (0u16, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        bits = (bits << 6 | u16::from(sextet(c))) & 0x1fff;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

#[test]
fn base64_decodes() {
    assert_eq!(decode_base64("TWFu"), b"Man");
    assert_eq!(decode_base64("TWE="), b"Ma");
    assert_eq!(decode_base64("TQ=="), b"M");
    assert_eq!(decode_base64("iVBORw0KGgo="), b"\x89PNG\r\n\x1a\n");
}
