// Writing a whole file so that readers see the old content or the new, never half of it.
import { renameSync, writeFileSync } from 'node:fs';

/** Writes `text` to `path` atomically (a temporary file renamed into place). */
export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  const temporary = `${path}.partial-${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
