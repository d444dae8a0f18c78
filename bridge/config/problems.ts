/**
 * Problems found in a file: where (file and JSON Pointer, or line and column for syntax errors)
 * and what, worded for the person editing the file.
 */
export interface Problem {
  /** The file, as given to the loader (absolute when the loader resolved it). */
  readonly file: string;
  /** JSON Pointer (RFC 6901) into the file's value; '' is the whole file. */
  readonly path: string;
  /** Set for JSON syntax errors: 1-based line and column. */
  readonly position?: { readonly line: number; readonly column: number };
  readonly message: string;
}

/** `file:line:column: message` for syntax errors, `file: /path: message` otherwise. */
export function formatProblem(p: Problem): string {
  if (p.position !== undefined) return `${p.file}:${p.position.line}:${p.position.column}: ${p.message}`;
  return `${p.file}: ${formatInFile(p)}`;
}

/** `/path: message` (or `line L, column C: message`), for lists under a heading naming the file. */
export function formatInFile(p: Problem): string {
  if (p.position !== undefined) return `line ${p.position.line}, column ${p.position.column}: ${p.message}`;
  return `${p.path === '' ? '/' : p.path}: ${p.message}`;
}

export const formatProblems = (ps: readonly Problem[]): string => ps.map(formatProblem).join('\n');

/** A JSON value shown in a message, cut short so one bad value cannot flood the output. */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  let s: string;
  try {
    s = JSON.stringify(value) ?? String(value);
  } catch {
    s = String(value);
  }
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Escapes one key for a JSON Pointer (RFC 6901: ~ → ~0, / → ~1). */
export const pointerKey = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');
