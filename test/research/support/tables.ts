// Reading sweep outputs back in tests: CSV with a header, and Parquet through hyparquet (run in a plain Node child
// process: hyparquet is an ES module, which Jest's CommonJS runtime cannot load).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { root } from './silolab-cli';

/** Rows of a CSV file as objects (SiloLab's CSVs quote only when needed and hold no newlines in fields). */
export function readCsv(path: string): Array<Record<string, string>> {
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split('\n');
  const split = (line: string) => {
    const fields: string[] = [];
    const pattern = /("([^"]|"")*"|[^,]*)(,|$)/g;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(line)) !== null && match.index < line.length + 1) {
      const raw = match[1];
      fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
      if (match[3] === '') break;
    }
    return fields;
  };
  const names = split(header);
  return lines.map((line) => Object.fromEntries(split(line).map((value, i) => [names[i], value])));
}

/** The rows of a Parquet file as objects (INT64 as numbers), read with hyparquet. */
export function readParquet(path: string): Array<Record<string, unknown>> {
  const script = `
    const { asyncBufferFromFile, parquetReadObjects } = require('hyparquet');
    (async () => {
      const file = await asyncBufferFromFile(process.argv[1]);
      const rows = await parquetReadObjects({ file });
      process.stdout.write(JSON.stringify(rows, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
    })();`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script, path], { cwd: root, encoding: 'utf8', maxBuffer: 256 << 20 }));
}
