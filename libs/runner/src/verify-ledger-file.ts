// Verifying a ledger.ndjson file: its lines streamed through the provenance verifier.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { LedgerVerifier, type VerifyResult } from '@silolab/provenance';

/** Streams a ledger file through the verifier (memory stays flat for any ledger size). */
export async function verifyLedgerFile(path: string): Promise<VerifyResult> {
  const verifier = new LedgerVerifier();
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) verifier.push(line);
  return verifier.result();
}
