//! Reading CSV whose lines end with a lone carriage return (old Mac OS, some spreadsheet
//! exports) as RFC 4180 readers do: a `\r` that is not followed by `\n` ends a line.
//!
//! The block splitter and the row readers cut lines at `\n`, so [`LoneCr`] turns each lone
//! `\r` into `\n` as the bytes stream past, and leaves `\r\n` alone. A lone `\r` inside a
//! quoted field becomes `\n` as well: both are a line break inside the value.

use std::io::{self, Read};

/// A reader that turns every `\r` not followed by `\n` into `\n`.
pub struct LoneCr<R> {
    inner: R,
    buf: Vec<u8>,
    pos: usize,
    /// A `\r` that ended the last chunk: whether it is lone depends on the next byte.
    held: bool,
    done: bool,
}

impl<R: Read> LoneCr<R> {
    pub fn new(inner: R) -> LoneCr<R> {
        LoneCr {
            inner,
            buf: Vec::new(),
            pos: 0,
            held: false,
            done: false,
        }
    }

    fn refill(&mut self) -> io::Result<()> {
        self.buf.clear();
        self.pos = 0;
        if self.held {
            self.buf.push(b'\r');
            self.held = false;
        }
        let start = self.buf.len();
        self.buf.resize(start + (64 << 10), 0);
        let n = loop {
            match self.inner.read(&mut self.buf[start..]) {
                Ok(n) => break n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    self.buf.truncate(start);
                    return Err(e);
                }
            }
        };
        self.buf.truncate(start + n);
        if n == 0 {
            self.done = true;
        } else if self.buf.last() == Some(&b'\r') {
            self.buf.pop();
            self.held = true;
        }
        let len = self.buf.len();
        let mut from = 0;
        while let Some(off) = memchr::memchr(b'\r', &self.buf[from..]) {
            let i = from + off;
            // At the end means the input ended after the `\r` (a held `\r` was popped).
            if i + 1 >= len || self.buf[i + 1] != b'\n' {
                self.buf[i] = b'\n';
            }
            from = i + 1;
        }
        Ok(())
    }
}

impl<R: Read> Read for LoneCr<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos >= self.buf.len() {
            if self.done && !self.held {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = out.len().min(self.buf.len() - self.pos);
        out[..n].copy_from_slice(&self.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads through a reader that hands out `step` bytes at a time.
    fn through(input: &[u8], step: usize) -> Vec<u8> {
        struct Trickle<'a>(&'a [u8], usize);
        impl Read for Trickle<'_> {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                let n = self.1.min(out.len()).min(self.0.len());
                out[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let mut out = Vec::new();
        LoneCr::new(Trickle(input, step))
            .read_to_end(&mut out)
            .expect("reads");
        out
    }

    #[test]
    fn lone_cr_ends_a_line_and_crlf_is_kept() {
        let input = b"a,b\rc,d\r\ne,f\r\r\ng\r";
        for step in 1..=input.len() {
            assert_eq!(
                through(input, step),
                b"a,b\nc,d\r\ne,f\n\r\ng\n",
                "step {step}"
            );
        }
        assert_eq!(through(b"", 3), b"");
        assert_eq!(through(b"\r", 1), b"\n");
        assert_eq!(through(b"x\r\n", 2), b"x\r\n");
    }
}
