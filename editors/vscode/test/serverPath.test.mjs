// Unit tests of the server path resolution (src/serverPath.ts, compiled to out/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveServerPath, expandVariables, missingServerMessage, serverArgs, DEFAULT_SERVER } from '../out/serverPath.js';

const posix = (files, extra = {}) => ({
  setting: undefined,
  workspaceFolders: ['/ws'],
  env: { PATH: '/usr/local/bin:/usr/bin' },
  platform: 'linux',
  homedir: '/home/me',
  isExecutable: (f) => files.includes(f),
  ...extra,
});

test('the default is icpc, looked up on PATH in order', () => {
  assert.equal(DEFAULT_SERVER, 'icpc');
  const r = resolveServerPath(posix(['/usr/bin/icpc', '/usr/local/bin/icpc']));
  assert.deepEqual(r, { ok: true, command: '/usr/local/bin/icpc', tried: ['/usr/local/bin/icpc'] });
  const r2 = resolveServerPath(posix(['/usr/bin/icpc']));
  assert.equal(r2.ok, true);
  assert.equal(r2.command, '/usr/bin/icpc');
});

test('an empty or blank setting means the default', () => {
  for (const setting of ['', '   ', null, undefined]) {
    const r = resolveServerPath(posix(['/usr/bin/icpc'], { setting }));
    assert.equal(r.command, '/usr/bin/icpc', `setting ${JSON.stringify(setting)}`);
  }
});

test('missing from PATH: a clear error naming the binary and the setting', () => {
  const r = resolveServerPath(posix([]));
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'not-on-path');
  assert.deepEqual(r.tried, ['/usr/local/bin/icpc', '/usr/bin/icpc']);
  const msg = missingServerMessage(r);
  assert.match(msg, /"icpc" is not on PATH/);
  assert.match(msg, /icp\.server\.path/);
  assert.match(msg, /ICP: Restart server/);
});

test('an empty PATH finds nothing without throwing', () => {
  const r = resolveServerPath(posix(['/usr/bin/icpc'], { env: {} }));
  assert.equal(r.ok, false);
  assert.deepEqual(r.tried, []);
});

test('a bare name other than icpc is looked up on PATH too', () => {
  const r = resolveServerPath(posix(['/usr/bin/icpc-nightly'], { setting: 'icpc-nightly' }));
  assert.equal(r.command, '/usr/bin/icpc-nightly');
});

test('an absolute path is used as it is, and reported when missing', () => {
  assert.equal(resolveServerPath(posix(['/opt/icpc/bin/icpc'], { setting: '/opt/icpc/bin/icpc' })).command, '/opt/icpc/bin/icpc');
  const r = resolveServerPath(posix([], { setting: '/opt/icpc/bin/icpc' }));
  assert.equal(r.ok, false);
  assert.equal(r.reason, 'not-found');
  assert.match(missingServerMessage(r), /"\/opt\/icpc\/bin\/icpc" does not exist or is not executable/);
});

test('a relative path is resolved against the workspace folders', () => {
  const r = resolveServerPath(posix(['/ws2/target/debug/icpc'], {
    setting: 'target/debug/icpc',
    workspaceFolders: ['/ws1', '/ws2'],
  }));
  assert.equal(r.command, '/ws2/target/debug/icpc');
  assert.deepEqual(r.tried, ['/ws1/target/debug/icpc', '/ws2/target/debug/icpc']);
});

test('~ and variables are expanded', () => {
  const input = { workspaceFolders: ['/ws'], env: { TOOLS: '/tools' }, homedir: '/home/me' };
  assert.equal(expandVariables('~/bin/icpc', input), '/home/me/bin/icpc');
  assert.equal(expandVariables('${workspaceFolder}/target/debug/icpc', input), '/ws/target/debug/icpc');
  assert.equal(expandVariables('${userHome}/x', input), '/home/me/x');
  assert.equal(expandVariables('${env:TOOLS}/icpc', input), '/tools/icpc');
  assert.equal(expandVariables('${env:NOPE}/icpc', input), '/icpc');
  assert.equal(
    resolveServerPath(posix(['/home/me/.cargo/bin/icpc'], { setting: '~/.cargo/bin/icpc' })).command,
    '/home/me/.cargo/bin/icpc',
  );
});

test('Windows: PATHEXT and ; separated PATH', () => {
  const r = resolveServerPath({
    setting: 'icpc',
    workspaceFolders: [],
    env: { Path: 'C:\\a;C:\\tools', PATHEXT: '.COM;.EXE' },
    platform: 'win32',
    homedir: 'C:\\Users\\me',
    isExecutable: (f) => f === 'C:\\tools\\icpc.exe',
  });
  assert.equal(r.ok, true);
  assert.equal(r.command, 'C:\\tools\\icpc.exe');
});

test('server arguments: lsp, then the extra arguments that are strings', () => {
  assert.deepEqual(serverArgs(undefined), ['lsp']);
  assert.deepEqual(serverArgs(['--log', 'debug', 3]), ['lsp', '--log', 'debug']);
  assert.deepEqual(serverArgs('nope'), ['lsp']);
});

test('the real file system: a missing binary is not executable', () => {
  const r = resolveServerPath({
    setting: '/definitely/not/here/icpc',
    workspaceFolders: [],
    env: process.env,
    platform: process.platform,
    homedir: '/root',
  });
  assert.equal(r.ok, false);
});
