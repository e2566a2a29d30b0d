// Drives the real language server (`icpc lsp`) over stdio, as the extension's client does:
// initialize, open examples/antipatterns.icp, and wait for its diagnostics.
//
// The binary is $ICPC_BIN, or target/debug/icpc at the repository root. Locally the test skips
// itself, saying why, when that binary is absent or `icpc lsp --help` fails (a non-zero exit, or
// no help text at all, as from a placeholder binary); under CI (CI=true) that is a failure.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  DidOpenTextDocumentNotification,
  PublishDiagnosticsNotification,
  ShutdownRequest,
  ExitNotification,
} from 'vscode-languageserver-protocol/node';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = process.env.ICPC_BIN || join(repoRoot, 'target', 'debug', 'icpc');
const TIMEOUT_MS = 20_000;

function skipReason() {
  if (!existsSync(bin)) {
    return `${bin} does not exist (build it with \`cargo build -p icpc\`, or set ICPC_BIN)`;
  }
  const r = spawnSync(bin, ['lsp', '--help'], { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return `\`${bin} lsp --help\` could not run: ${r.error.message}`;
  if (r.status !== 0) return `\`${bin} lsp --help\` exited with ${r.status}: the server is not there yet`;
  if (!(r.stdout + r.stderr).trim()) return `\`${bin} lsp --help\` printed nothing: the server is not there yet`;
  return null;
}

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

test('icpc lsp publishes diagnostics for examples/antipatterns.icp, unknown-field among them', async (t) => {
  const reason = skipReason();
  if (reason && process.env.CI === 'true') {
    assert.fail(`CI=true needs the language server: ${reason}`);
  }
  if (reason) {
    console.log(`SKIP language server test: ${reason}`);
    t.skip(reason);
    return;
  }

  const child = spawn(bin, ['lsp'], { cwd: repoRoot, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((res) => child.on('exit', (code, signal) => res({ code, signal })));
  // If the server dies early, say so (with its stderr) instead of timing out or EPIPE.
  let shuttingDown = false;
  const died = exited.then(({ code, signal }) => {
    if (shuttingDown) return new Promise(() => {});
    throw new Error(`\`${bin} lsp\` exited (code ${code}, signal ${signal}) during the session; stderr:\n${stderr}`);
  });
  died.catch(() => {});
  child.stdin.on('error', () => {}); // EPIPE when the server is gone: reported through `died`
  const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.listen();

  const file = join(repoRoot, 'examples', 'antipatterns.icp');
  const uri = pathToFileURL(file).href;
  const diagnostics = new Promise((res) => {
    conn.onNotification(PublishDiagnosticsNotification.type, (params) => {
      if (params.uri === uri && params.diagnostics.length > 0) res(params);
    });
  });

  try {
    const init = await withTimeout(Promise.race([died, conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: pathToFileURL(repoRoot).href,
      workspaceFolders: [{ uri: pathToFileURL(repoRoot).href, name: 'icpc' }],
      capabilities: {
        textDocument: {
          publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          completion: { completionItem: { snippetSupport: false } },
        },
      },
      clientInfo: { name: 'icp-vscode-test' },
    })]), TIMEOUT_MS, 'the initialize response');
    assert.ok(init.capabilities, 'initialize result has capabilities');
    assert.ok(init.capabilities.textDocumentSync !== undefined, 'the server syncs documents');

    // Only after the initialize response (messages sent earlier may be dropped).
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'icp', version: 1, text: readFileSync(file, 'utf8') },
    });

    const published = await withTimeout(Promise.race([died, diagnostics]), TIMEOUT_MS, 'publishDiagnostics');
    const codes = published.diagnostics.map((d) => (typeof d.code === 'object' ? d.code?.value : d.code));
    console.log(`diagnostics for antipatterns.icp: ${codes.join(', ')}`);
    assert.ok(codes.includes('unknown-field'), `no unknown-field among ${codes.join(', ')}`);
    const unknown = published.diagnostics.find((d) => d.code === 'unknown-field');
    // `rule stack : hriss == workday` is on line 41 (0-based 40).
    assert.equal(unknown.range.start.line, 40, `unknown-field on line ${unknown.range.start.line + 1}`);

    await withTimeout(Promise.race([died, conn.sendRequest(ShutdownRequest.type)]), TIMEOUT_MS, 'the shutdown response');
    shuttingDown = true;
    await conn.sendNotification(ExitNotification.type);
    const { code } = await withTimeout(exited, TIMEOUT_MS, 'the server to exit');
    assert.equal(code, 0, 'the server exits with 0 after shutdown and exit');
  } catch (err) {
    // A write error (EPIPE) usually means the server has exited: report that, with its stderr.
    const gone = await Promise.race([exited, new Promise((res) => setTimeout(() => res(null), 1000))]);
    if (gone && !shuttingDown && !String(err.message).includes('exited')) {
      throw new Error(`\`${bin} lsp\` exited (code ${gone.code}, signal ${gone.signal}) during the session (${err.message}); stderr:\n${stderr}`);
    }
    if (stderr && !String(err.message).includes(stderr)) console.log(`server stderr:\n${stderr}`);
    throw err;
  } finally {
    conn.dispose();
    if (child.exitCode === null && child.signalCode === null) child.kill();
  }
});
