//! The framing layer in front of the service: every message from the client is read here,
//! checked, and only then handed to tower-lsp-server.
//!
//! tower-lsp-server's reader stops at the first message it cannot decode (its framed stream
//! ends after an error), so one malformed message would end the session. Here a body that is
//! not JSON is answered with `-32700` (Parse error, id `null`), a JSON value that is not a
//! JSON-RPC message with `-32600` (Invalid Request), and the server goes on. A
//! `textDocument/didChange` whose parameters cannot be applied exactly (a negative or
//! fractional position, a range without `end`, a `text` that is not a string) is not applied:
//! it becomes the notification [`REJECTED_CHANGE`], which the backend logs and which marks the
//! document as out of sync until the client sends its whole text again (see `docs/lsp.md`).
//!
//! The server's own output passes through [`pump_output`], which writes whole frames, so an
//! answer written here never lands inside one of the server's messages.

use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc;

/// The notification a malformed `didChange` becomes (params: `uri`, `version`, `reason`).
pub const REJECTED_CHANGE: &str = "icp/rejectedChange";

/// The largest body accepted (a bigger `Content-Length` is answered with a parse error).
const MAX_BODY: usize = 1 << 30;

/// One frame read from a stream.
#[derive(Debug, PartialEq)]
pub enum Frame {
    /// The body of a frame with a valid `Content-Length`.
    Body(Vec<u8>),
    /// Headers without a usable `Content-Length`; the reason.
    BadHeader(String),
}

/// Reads one `Content-Length` frame. `None` at the end of the stream.
pub async fn read_frame<R: AsyncBufRead + Unpin>(r: &mut R) -> std::io::Result<Option<Frame>> {
    let mut len: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let n = r.read_until(b'\n', &mut line).await?;
        if n == 0 {
            return Ok(if saw_header {
                Some(Frame::BadHeader("the stream ended inside a header".into()))
            } else {
                None
            });
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                // A stray blank line between frames.
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':') {
            if name.trim().eq_ignore_ascii_case("content-length") {
                len = Some(
                    value
                        .trim()
                        .parse::<usize>()
                        .map_err(|_| format!("bad Content-Length `{}`", value.trim()))
                        .and_then(|n| {
                            if n > MAX_BODY {
                                Err(format!("Content-Length {n} is too large"))
                            } else {
                                Ok(n)
                            }
                        }),
                );
            }
        }
    }
    match len {
        Some(Ok(n)) => {
            let mut body = Vec::with_capacity(n.min(1 << 20));
            let got = (&mut *r).take(n as u64).read_to_end(&mut body).await?;
            if got < n {
                return Ok(Some(Frame::BadHeader(format!(
                    "the stream ended after {got} of {n} bytes"
                ))));
            }
            Ok(Some(Frame::Body(body)))
        }
        Some(Err(why)) => Ok(Some(Frame::BadHeader(why))),
        None => Ok(Some(Frame::BadHeader("no Content-Length header".into()))),
    }
}

/// Writes one frame.
pub async fn write_frame<W: AsyncWrite + Unpin>(w: &mut W, body: &[u8]) -> std::io::Result<()> {
    w.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes())
        .await?;
    w.write_all(body).await?;
    w.flush().await
}

/// What to do with one message from the client.
#[derive(Debug, PartialEq)]
pub enum Verdict {
    /// Hand it to the server as it is.
    Forward,
    /// Answer it here with this response; the server never sees it.
    Answer(Value),
    /// Hand this message to the server instead.
    Replace(Value),
}

fn error_response(id: Value, code: i64, message: &str) -> Value {
    json!({"jsonrpc": "2.0", "error": {"code": code, "message": message}, "id": id})
}

/// A JSON-RPC id: a string, an integer or null.
fn valid_id(v: &Value) -> bool {
    v.is_null() || v.is_string() || v.is_i64()
}

/// Judges one body.
pub fn judge(body: &[u8]) -> Verdict {
    let Ok(msg) = serde_json::from_slice::<Value>(body) else {
        return Verdict::Answer(error_response(Value::Null, -32700, "Parse error"));
    };
    let Some(obj) = msg.as_object() else {
        return Verdict::Answer(error_response(
            Value::Null,
            -32600,
            "Invalid Request: a message is a JSON object",
        ));
    };
    let id = obj.get("id").filter(|v| valid_id(v)).cloned();
    let invalid = |why: &str| {
        Verdict::Answer(error_response(
            id.clone().unwrap_or(Value::Null),
            -32600,
            &format!("Invalid Request: {why}"),
        ))
    };
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return invalid("`jsonrpc` must be \"2.0\"");
    }
    if obj.get("id").is_some_and(|v| !valid_id(v)) {
        return invalid("`id` must be a string, an integer or null");
    }
    match obj.get("method") {
        Some(Value::String(method)) => {
            if let Some(p) = obj.get("params") {
                if !(p.is_object() || p.is_array() || p.is_null()) {
                    return invalid("`params` must be an object or an array");
                }
            }
            if method == "textDocument/didChange" && obj.get("id").is_none() {
                if let Err(reason) = check_did_change(obj.get("params").unwrap_or(&Value::Null)) {
                    let p = obj.get("params");
                    let uri = p
                        .and_then(|p| p.pointer("/textDocument/uri"))
                        .and_then(Value::as_str);
                    let version = p
                        .and_then(|p| p.pointer("/textDocument/version"))
                        .and_then(Value::as_i64);
                    return Verdict::Replace(json!({
                        "jsonrpc": "2.0",
                        "method": REJECTED_CHANGE,
                        "params": {"uri": uri, "version": version, "reason": reason},
                    }));
                }
            }
            Verdict::Forward
        }
        Some(_) => invalid("`method` must be a string"),
        None => {
            if obj.get("id").is_none() || !(obj.contains_key("result") || obj.contains_key("error"))
            {
                invalid("a message is a request, a notification or a response")
            } else {
                Verdict::Forward
            }
        }
    }
}

fn position(v: Option<&Value>, what: &str) -> Result<(), String> {
    let Some(p) = v else {
        return Err(format!("the range has no `{what}`"));
    };
    for key in ["line", "character"] {
        let Some(n) = p.get(key) else {
            return Err(format!("`{what}` has no `{key}`"));
        };
        if !n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)) {
            return Err(format!(
                "`{what}.{key}` is {n}, not a whole number from 0 to {}",
                u32::MAX
            ));
        }
    }
    Ok(())
}

/// Whether `didChange` parameters can be applied exactly; else why not.
pub fn check_did_change(params: &Value) -> Result<(), String> {
    let doc = params
        .get("textDocument")
        .ok_or("the parameters have no `textDocument`")?;
    if !doc.get("uri").is_some_and(Value::is_string) {
        return Err("`textDocument.uri` is not a string".into());
    }
    if !doc
        .get("version")
        .and_then(Value::as_i64)
        .is_some_and(|v| i32::try_from(v).is_ok())
    {
        return Err("`textDocument.version` is not a 32-bit integer".into());
    }
    let changes = params
        .get("contentChanges")
        .and_then(Value::as_array)
        .ok_or("`contentChanges` is not an array")?;
    for (i, c) in changes.iter().enumerate() {
        let at = |why: String| format!("change {}: {why}", i + 1);
        if !c.get("text").is_some_and(Value::is_string) {
            return Err(at(format!(
                "`text` is {}, not a string",
                c.get("text").map_or("missing".into(), |t| t.to_string())
            )));
        }
        match c.get("range") {
            None | Some(Value::Null) => {}
            Some(r) => {
                position(r.get("start"), "start").map_err(at)?;
                position(r.get("end"), "end").map_err(at)?;
            }
        }
        if let Some(n) = c.get("rangeLength") {
            if !(n.is_null() || n.as_u64().is_some_and(|n| n <= u64::from(u32::MAX))) {
                return Err(at(format!("`rangeLength` is {n}")));
            }
        }
    }
    Ok(())
}

/// Reads the client's frames from `input`, hands the good ones to the server through `to_server`,
/// and sends the answers it makes itself to `answers`. Returns at the end of the input.
pub async fn pump_input<R, W>(input: R, mut to_server: W, answers: mpsc::UnboundedSender<Vec<u8>>)
where
    R: tokio::io::AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = tokio::io::BufReader::new(input);
    loop {
        let frame = match read_frame(&mut r).await {
            Ok(Some(f)) => f,
            Ok(None) => return,
            Err(e) => {
                tracing::error!("reading the client's messages: {e}");
                return;
            }
        };
        let body = match frame {
            Frame::Body(b) => b,
            Frame::BadHeader(why) => {
                tracing::error!("a malformed frame from the client: {why}");
                let a = error_response(Value::Null, -32700, "Parse error");
                let _ = answers.send(a.to_string().into_bytes());
                continue;
            }
        };
        let forward = match judge(&body) {
            Verdict::Forward => body,
            Verdict::Answer(a) => {
                tracing::error!(
                    "a malformed message from the client: {}",
                    String::from_utf8_lossy(&body[..body.len().min(200)])
                );
                let _ = answers.send(a.to_string().into_bytes());
                continue;
            }
            Verdict::Replace(m) => m.to_string().into_bytes(),
        };
        if write_frame(&mut to_server, &forward).await.is_err() {
            // The server has stopped (after `exit`).
            return;
        }
    }
}

/// Copies the server's frames from `from_server` to `output`, whole, with the answers made by
/// [`pump_input`] between them. Returns when the server's output ends.
pub async fn pump_output<R, W>(
    from_server: R,
    mut output: W,
    mut answers: mpsc::UnboundedReceiver<Vec<u8>>,
) where
    R: tokio::io::AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut r = tokio::io::BufReader::new(from_server);
    let mut answers_open = true;
    loop {
        tokio::select! {
            frame = read_frame(&mut r) => match frame {
                Ok(Some(Frame::Body(b))) => {
                    if write_frame(&mut output, &b).await.is_err() {
                        return;
                    }
                }
                Ok(Some(Frame::BadHeader(why))) => {
                    tracing::error!("the server wrote a malformed frame: {why}");
                }
                Ok(None) | Err(_) => break,
            },
            a = answers.recv(), if answers_open => match a {
                Some(b) => {
                    if write_frame(&mut output, &b).await.is_err() {
                        return;
                    }
                }
                None => answers_open = false,
            },
        }
    }
    while let Ok(b) = answers.try_recv() {
        if write_frame(&mut output, &b).await.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_judged() {
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":2,"method":"#),
            Verdict::Answer(
                json!({"jsonrpc":"2.0","error":{"code":-32700,"message":"Parse error"},"id":null})
            )
        );
        assert_eq!(
            judge(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#),
            Verdict::Forward
        );
        let Verdict::Answer(a) = judge(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#) else {
            panic!("answered here")
        };
        assert_eq!(a["error"]["code"], -32600);
        assert_eq!(a["id"], 7);
        let Verdict::Answer(a) = judge(b"[1,2]") else {
            panic!("answered here")
        };
        assert_eq!(a["error"]["code"], -32600);
    }

    fn change(c: Value) -> Result<(), String> {
        check_did_change(&json!({
            "textDocument": {"uri": "file:///a.icp", "version": 2},
            "contentChanges": [c],
        }))
    }

    #[test]
    fn malformed_changes_are_named() {
        let pos = |l: Value, c: Value| json!({"line": l, "character": c});
        let ok = json!({"range": {"start": pos(json!(0), json!(1)), "end": pos(json!(0), json!(2))}, "text": "x"});
        assert_eq!(change(ok), Ok(()));
        assert_eq!(change(json!({"text": "whole"})), Ok(()));
        let neg = json!({"range": {"start": pos(json!(-1), json!(0)), "end": pos(json!(0), json!(0))}, "text": "x"});
        assert_eq!(
            change(neg),
            Err("change 1: `start.line` is -1, not a whole number from 0 to 4294967295".into())
        );
        let frac = json!({"range": {"start": pos(json!(0), json!(1.5)), "end": pos(json!(0), json!(2))}, "text": "x"});
        assert!(
            change(frac)
                .unwrap_err()
                .contains("`start.character` is 1.5")
        );
        let no_end = json!({"range": {"start": pos(json!(0), json!(0))}, "text": "x"});
        assert_eq!(
            change(no_end),
            Err("change 1: the range has no `end`".into())
        );
        let null_text = json!({"text": null});
        assert_eq!(
            change(null_text),
            Err("change 1: `text` is null, not a string".into())
        );
    }

    #[tokio::test]
    async fn frames_are_read_whole_and_bad_headers_named() {
        let input =
            b"Content-Length: 2\r\n\r\n{}\r\nContent-Length: x\r\n\r\nContent-Length: 3\r\n\r\n[1]";
        let mut r = tokio::io::BufReader::new(&input[..]);
        assert_eq!(
            read_frame(&mut r).await.unwrap(),
            Some(Frame::Body(b"{}".to_vec()))
        );
        assert_eq!(
            read_frame(&mut r).await.unwrap(),
            Some(Frame::BadHeader("bad Content-Length `x`".into()))
        );
        assert_eq!(
            read_frame(&mut r).await.unwrap(),
            Some(Frame::Body(b"[1]".to_vec()))
        );
        assert_eq!(read_frame(&mut r).await.unwrap(), None);
    }
}
