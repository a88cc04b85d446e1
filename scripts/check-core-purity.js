#!/usr/bin/env node
// Fails when the simulation core uses ambient randomness, clocks or ids (STYLE.md habit 2):
// libs/{model,engine,policy,provenance,metrics,research} must receive them as inputs instead.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const CORE = ['model', 'engine', 'policy', 'provenance', 'metrics', 'research'].map((lib) => path.join('libs', lib, 'src'));
const FORBIDDEN = [/\bMath\.random\s*\(/, /\bDate\.now\s*\(/, /\bnew Date\s*\(\s*\)/, /\brandomUUID\s*\(/, /\bperformance\.now\s*\(/];

function* files(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) yield full;
  }
}

const stripComments = (source) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
const violations = [];
for (const dir of CORE) {
  for (const file of files(dir)) {
    const lines = stripComments(fs.readFileSync(file, 'utf8')).split('\n');
    lines.forEach((line, index) => {
      for (const pattern of FORBIDDEN) if (pattern.test(line)) violations.push(`${file}:${index + 1}: ${line.trim()}`);
    });
  }
}
if (violations.length > 0) {
  console.error('core purity: ambient randomness, clocks or ids in the simulation core:\n' + violations.join('\n'));
  process.exit(1);
}
console.log(`core purity: ok (${CORE.join(', ')})`);
