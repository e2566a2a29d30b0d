// Every example file parses with the tree-sitter grammar with no ERROR or MISSING node.
// Needs the pinned tree-sitter CLI on PATH (grammar/install.sh installs it; grammar/test.sh puts it first).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { grammarDir, repoRoot } from './tm.mjs';

const tsDir = join(grammarDir, 'tree-sitter-icp');
const examplesDir = join(repoRoot, 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.icp')).sort();

test('tree-sitter CLI is available', () => {
  const r = spawnSync('tree-sitter', ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, 'tree-sitter is not on PATH: run grammar/install.sh');
});

test('there are examples', () => {
  assert.ok(examples.length >= 3, `examples: ${examples}`);
});

for (const name of examples) {
  test(`examples/${name} parses with no ERROR or MISSING node`, () => {
    const r = spawnSync('tree-sitter', ['parse', join(examplesDir, name)], { cwd: tsDir, encoding: 'utf8' });
    assert.equal(r.status, 0, `tree-sitter parse failed:\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^\(source_file/m);
    assert.doesNotMatch(r.stdout, /\b(ERROR|MISSING)\b/, r.stdout);
  });
}

test('the corpus covers every named node of the grammar', () => {
  // node-types.json lists the named nodes; each must appear in some corpus tree.
  const nodeTypes = JSON.parse(readFileSync(join(tsDir, 'src/node-types.json'), 'utf8'));
  const named = nodeTypes.filter((n) => n.named).map((n) => n.type);
  const corpusDir = join(tsDir, 'test/corpus');
  const corpus = readdirSync(corpusDir).map((f) => readFileSync(join(corpusDir, f), 'utf8')).join('\n');
  const missing = named.filter((t) => !new RegExp(`\\(${t}\\b`).test(corpus));
  assert.deepEqual(missing, [], `node types that no corpus test shows: ${missing}`);
});
