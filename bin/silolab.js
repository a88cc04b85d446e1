#!/usr/bin/env node
'use strict';
// Entry point of the `silolab` command: runs the compiled CLI from dist/ (built by `npm ci` / `npm run build`).
const path = require('node:path');
const fs = require('node:fs');
const main = path.join(__dirname, '..', 'dist', 'apps', 'cli', 'src', 'main.js');
if (!fs.existsSync(main)) {
  process.stderr.write('silolab: the compiled CLI is missing (' + main + '). Run `npm ci` or `npm run build` first.\n');
  process.exit(2);
}
require(main);
