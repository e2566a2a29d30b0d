// Copies the TextMate grammar from grammar/ (its one source) into the extension before a build.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const ext = join(here, '..');
const src = join(ext, '..', '..', 'grammar', 'icp.tmLanguage.json');
mkdirSync(join(ext, 'syntaxes'), { recursive: true });
copyFileSync(src, join(ext, 'syntaxes', 'icp.tmLanguage.json'));
console.log('copied grammar/icp.tmLanguage.json to syntaxes/');
