// YAML text → plain data, for text from anywhere (files, API bodies): bounded before the parser sees it, every error
// quoted short and escaped.
import { parseDocument } from 'yaml';
import { clipText, ScenarioError, type InputIssue } from './scenario-error';

/**
 * Deepest nesting accepted (flow brackets, or block indentation in columns). Scenario files nest 5 deep; the `yaml`
 * parser recurses per level, and overflowing its stack twice in one process has crashed Node outright (a fatal
 * out-of-memory in V8's regexp compiler), so depth is refused before parsing.
 */
export const MAX_YAML_DEPTH = 64;
/** Aliases (`*name`) a document may expand, weighted by what each expands to (the `yaml` package's measure). */
export const MAX_YAML_ALIASES = 100;
/** YAML errors listed before "… and N more". */
const MAX_REPORTED_ERRORS = 5;

/** `text` shortened to `max` characters and escaped: control characters, undecodable bytes and quotes as `\u…`. */
export function quoteExcerpt(text: string, max = 40): string {
  const chars = Array.from(text);
  const shown = chars
    .slice(0, max)
    .map((c) => (/[\p{Cc}\p{Cs}\p{Co}\p{Cn}\uFFFD"\\]/u.test(c) ? (c === '"' || c === '\\' ? `\\${c}` : `\\u${c.codePointAt(0)!.toString(16).padStart(4, '0')}`) : c))
    .join('');
  return `"${shown}${chars.length > max ? '…' : ''}"`;
}

const lineColumn = (text: string, index: number) => {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}:${index - before.lastIndexOf('\n')}`;
};

/**
 * The first reason `text` cannot be a YAML scenario, found without parsing it: bytes that are not UTF-8 text (a NUL,
 * or a replacement character from decoding), flow brackets nested deeper than {@link MAX_YAML_DEPTH}, or a line whose
 * indentation and block indicators (`- `, `? `) reach that many columns. Quoted strings and comments are skipped.
 */
function shapeProblem(text: string): InputIssue | null {
  const binary = text.search(/[\u0000\uFFFD]/);
  if (binary >= 0) {
    return { path: lineColumn(text, binary), message: `not UTF-8 text (binary data): ${quoteExcerpt(text.slice(Math.max(0, binary - 8), binary + 24))}` };
  }
  let depth = 0;
  let quote: string | null = null;
  let lineStart = true;
  let prefix = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      lineStart = true;
      prefix = 0;
      if (quote === null) continue;
    }
    if (lineStart) {
      const indicator = (c === '-' || c === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t');
      if (c === ' ' || c === '\t' || indicator) {
        prefix += indicator ? 2 : 1;
        if (indicator) i++;
        if (prefix > MAX_YAML_DEPTH * 2) return { path: lineColumn(text, i), message: `nested deeper than ${MAX_YAML_DEPTH} levels (indentation beyond ${MAX_YAML_DEPTH * 2} columns)` };
        continue;
      }
      lineStart = false;
    }
    if (quote !== null) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      if (i === 0 || /[\s[{,:]/.test(text[i - 1])) quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = (end < 0 ? text.length : end) - 1;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_YAML_DEPTH) return { path: lineColumn(text, i), message: `nested deeper than ${MAX_YAML_DEPTH} levels of [ ] or { }` };
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return null;
}

/** One YAML error as an issue: its position, and the first line of its message, escaped and shortened. */
function yamlIssue(error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] }): InputIssue {
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const shortened = message.replace(/"((?:[^"\\]|\\.)*)"/g, (_all, quoted: string) => quoteExcerpt(quoted));
  return { path: `line ${error.linePos?.[0].line ?? 0}:${error.linePos?.[0].col ?? 0}`, message: `YAML: ${clipText(shortened, 200)}` };
}

/**
 * Parses YAML text into plain data. Everything wrong is a {@link ScenarioError} from `source` (the file name, or the
 * API field): binary data and excessive nesting before parsing, syntax errors with their line and column (the first
 * few, quoted short and escaped), and documents whose aliases expand beyond {@link MAX_YAML_ALIASES} (an "alias bomb").
 */
export function parseYaml(text: string, source = 'scenario'): unknown {
  const problem = shapeProblem(text);
  if (problem) throw new ScenarioError(source, [problem]);
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    const issues = document.errors.slice(0, MAX_REPORTED_ERRORS).map(yamlIssue);
    if (document.errors.length > MAX_REPORTED_ERRORS) issues.push({ path: '(file)', message: `… and ${document.errors.length - MAX_REPORTED_ERRORS} more YAML errors` });
    throw new ScenarioError(source, issues);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES });
  } catch (error) {
    if (error instanceof ReferenceError) {
      const message = /Excessive alias/.test(error.message) ? `YAML: aliases (*name) expand to more than ${MAX_YAML_ALIASES} copies; write the values out instead` : `YAML: ${error.message}`;
      throw new ScenarioError(source, [{ path: '(file)', message }]);
    }
    throw error;
  }
}
