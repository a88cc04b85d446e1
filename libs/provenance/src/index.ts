// Public surface of @silolab/provenance: the hash-chained ledger, digest-mode block hashes, verification and PROV export.
export type { ExchangeDecision, LedgerEntry, LedgerRecord, RefusalCategory } from './ledger-record';
export { GENESIS_HASH, hashRecord } from './record-hash';
export { HashChain } from './hash-chain';
export { BlockHasher } from './block-hasher';
export { findRecordProblem, type FieldProblem } from './ledger-fields';
export { formatLedgerLine, parseLedgerLine } from './ledger-line';
export { LedgerFormatError } from './ledger-format-error';
export { LedgerVerifier, verifyLines, type FirstBadRecord, type VerifyResult } from './ledger-verifier';
export type { LedgerProblem } from './tamper-diagnosis';
export { checkLedgerEnd, type LedgerAnchor, type LedgerEndProblem } from './ledger-anchor';
export { toProvDocument } from './prov-export';
export type { ProvAttributes, ProvDocument, ProvRecords, ProvTypedValue, ProvValue } from './prov-document';
