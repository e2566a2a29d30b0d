// Finding the `icpc` binary that runs the language server. Pure: no `vscode` import, so that
// it is tested with `node --test` (test/serverPath.test.mjs).
import * as fs from 'node:fs';
import * as path from 'node:path';

export const DEFAULT_SERVER = 'icpc';

export interface ResolveInput {
  /** The `icp.server.path` setting, as the user wrote it. */
  setting: string | undefined | null;
  /** Workspace folder paths; the first one resolves relative paths and `${workspaceFolder}`. */
  workspaceFolders: readonly string[];
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  /** Whether `file` exists and can be executed; injectable for tests. */
  isExecutable?: (file: string) => boolean;
}

export type ResolveResult =
  | { ok: true; command: string; tried: string[] }
  | { ok: false; requested: string; tried: string[]; reason: 'not-on-path' | 'not-found' };

export function defaultIsExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    if (process.platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Expands `~`, `${workspaceFolder}`, `${userHome}` and `${env:NAME}` in a setting value. */
export function expandVariables(value: string, input: Pick<ResolveInput, 'workspaceFolders' | 'env' | 'homedir'>): string {
  let out = value.replace(/\$\{(workspaceFolder|userHome|env:([A-Za-z_][A-Za-z0-9_]*))\}/g, (whole, name: string, envName?: string) => {
    if (name === 'workspaceFolder') return input.workspaceFolders[0] ?? whole;
    if (name === 'userHome') return input.homedir;
    return input.env[envName ?? ''] ?? '';
  });
  if (out === '~') out = input.homedir;
  else if (out.startsWith('~/') || out.startsWith('~\\')) out = input.homedir + out.slice(1);
  return out;
}

function pathApi(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Candidate file names for a command on this platform (PATHEXT on Windows). */
function withExtensions(file: string, input: ResolveInput): string[] {
  if (input.platform !== 'win32') return [file];
  if (/\.[A-Za-z0-9]+$/.test(file)) return [file];
  const exts = (input.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean);
  return [file, ...exts.map((e) => file + e.toLowerCase())];
}

/**
 * Resolves the server binary from the `icp.server.path` setting:
 * - empty or unset: `icpc`, looked up on PATH;
 * - a bare name (no path separator): looked up on PATH;
 * - a path: `~` and variables expanded; relative paths resolved against the first workspace
 *   folder (or, without one, taken as they are).
 */
export function resolveServerPath(input: ResolveInput): ResolveResult {
  const isExecutable = input.isExecutable ?? defaultIsExecutable;
  const p = pathApi(input.platform);
  const requested = (input.setting ?? '').trim() || DEFAULT_SERVER;
  const expanded = expandVariables(requested, input);
  const tried: string[] = [];
  const hasSeparator = expanded.includes('/') || (input.platform === 'win32' && expanded.includes('\\'));

  if (!hasSeparator) {
    const pathVar = input.env.PATH ?? input.env.Path ?? '';
    for (const dir of pathVar.split(p.delimiter).filter(Boolean)) {
      for (const candidate of withExtensions(p.join(dir, expanded), input)) {
        tried.push(candidate);
        if (isExecutable(candidate)) return { ok: true, command: candidate, tried };
      }
    }
    return { ok: false, requested, tried, reason: 'not-on-path' };
  }

  const bases = p.isAbsolute(expanded) ? [''] : input.workspaceFolders.length > 0 ? input.workspaceFolders : [''];
  for (const base of bases) {
    const full = base ? p.resolve(base, expanded) : expanded;
    for (const candidate of withExtensions(full, input)) {
      tried.push(candidate);
      if (isExecutable(candidate)) return { ok: true, command: candidate, tried };
    }
  }
  return { ok: false, requested, tried, reason: 'not-found' };
}

/** The message shown when the server binary cannot be found. */
export function missingServerMessage(result: Extract<ResolveResult, { ok: false }>): string {
  const where =
    result.reason === 'not-on-path'
      ? `"${result.requested}" is not on PATH`
      : `"${result.requested}" does not exist or is not executable`;
  return (
    `ICP: the icpc language server was not found: ${where}. ` +
    'Install icpc (from the icpc repository: cargo install --path crates/icpc) or set ' +
    '"icp.server.path" to the full path of the icpc binary, then run "ICP: Restart server".'
  );
}

/** The arguments that start the language server. */
export function serverArgs(extraArgs: unknown): string[] {
  const extra = Array.isArray(extraArgs) ? extraArgs.filter((a): a is string => typeof a === 'string') : [];
  return ['lsp', ...extra];
}
