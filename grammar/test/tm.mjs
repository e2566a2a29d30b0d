// Loads grammar/icp.tmLanguage.json into vscode-textmate and tokenises text with it, the way
// VS Code does.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vsctm from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

const require = createRequire(import.meta.url);
export const grammarDir = join(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = join(grammarDir, '..');

let grammarPromise;

export function loadGrammar() {
  grammarPromise ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) => {
        if (scopeName !== 'source.icp') return null;
        const path = join(grammarDir, 'icp.tmLanguage.json');
        return vsctm.parseRawGrammar(readFileSync(path, 'utf8'), path);
      },
    });
    return registry.loadGrammar('source.icp');
  })();
  return grammarPromise;
}

/** Tokenises `text`; returns one array of `{ line, text, scopes }` per line. */
export async function tokenize(text) {
  const grammar = await loadGrammar();
  let state = vsctm.INITIAL;
  return text.split(/\r?\n/).map((line, lineNo) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({
      line: lineNo,
      text: line.slice(t.startIndex, t.endIndex),
      scopes: t.scopes,
    }));
  });
}

/**
 * Every run of consecutive tokens whose texts join to exactly `text` (a capture splits a match
 * into several tokens, e.g. `20M` into `20` and `M`), on lines containing `lineHint`. When
 * `text` is part of `lineHint`, only runs inside an occurrence of `lineHint` count.
 * Returns one array of tokens per run.
 */
export function findRuns(lines, text, lineHint) {
  const out = [];
  for (const toks of lines) {
    const whole = toks.map((t) => t.text).join('');
    if (lineHint && !whole.includes(lineHint)) continue;
    const windows = [];
    if (lineHint && lineHint.includes(text)) {
      for (let at = whole.indexOf(lineHint); at >= 0; at = whole.indexOf(lineHint, at + 1)) {
        windows.push([at, at + lineHint.length]);
      }
    }
    let offset = 0;
    const starts = toks.map((t) => { const o = offset; offset += t.text.length; return o; });
    for (let i = 0; i < toks.length; i++) {
      let acc = '';
      for (let j = i; j < toks.length && acc.length < text.length; j++) {
        acc += toks[j].text;
        if (acc !== text) continue;
        const from = starts[i];
        const to = from + text.length;
        if (windows.length === 0 || windows.some(([a, b]) => a <= from && to <= b)) {
          out.push(toks.slice(i, j + 1));
        }
      }
    }
  }
  return out;
}
