/**
 * Arguments of `detent session`: a sub-command and its options, checked before any request is
 * made (exit 2 on bad usage, with the help pointer).
 */
import { parseArgs } from 'node:util';

export const DEFAULT_DAEMON_URL = 'http://127.0.0.1:7400';

export const SESSION_HELP = `Usage: detent session list
       detent session create <name> [--client <text>] [--track <title>] [--delivery <preset>]
       detent session save <snapshot> [--session <id>] [--track <id>] [--notes <text>] [--replace]
       detent session recall <snapshot> [--session <id>] [--track <id>]
       detent session open <id>
       detent session export <id> [--format html|csv] [--out <file>]

Sessions keep a mastering job: tracks, snapshots (A, B, C, D and named ones) of every parameter,
notes, delivery target and the controller set-up. These commands talk to the running daemon.
save and recall work on the open session unless --session names another.

Options:
  --url <url>      the daemon's dashboard and API address (default ${DEFAULT_DAEMON_URL})
  --session <id>   the session (default: the open one)
  --track <id>     the track (default: the session's current track)
  --replace        let save overwrite a snapshot of the same name (the old file is backed up)
  --format <f>     export as html (a printable recall sheet, default) or csv
  --out <file>     write the export there instead of to stdout
  --delivery <p>   spotify, apple-music, youtube, amazon, tidal, deezer, ebu-r128, cd, vinyl
  -h, --help       show this help
`;

export type SessionArgs =
  | { readonly kind: 'help' }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'list'; readonly url: string }
  | { readonly kind: 'create'; readonly url: string; readonly name: string; readonly client?: string; readonly track?: string; readonly delivery?: string }
  | { readonly kind: 'save'; readonly url: string; readonly snapshot: string; readonly session?: string; readonly track?: string; readonly notes?: string; readonly replace: boolean }
  | { readonly kind: 'recall'; readonly url: string; readonly snapshot: string; readonly session?: string; readonly track?: string }
  | { readonly kind: 'open'; readonly url: string; readonly id: string }
  | { readonly kind: 'export'; readonly url: string; readonly id: string; readonly format: 'html' | 'csv'; readonly out?: string };

const OPTIONS = {
  url: { type: 'string' },
  session: { type: 'string' },
  track: { type: 'string' },
  notes: { type: 'string' },
  client: { type: 'string' },
  delivery: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  replace: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function parseSessionArgs(argv: readonly string[]): SessionArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    return usage((e instanceof Error ? e.message : String(e)).split('. ')[0] ?? '');
  }
  const { values: v, positionals } = parsed;
  if (v.help === true) return { kind: 'help' };
  const [sub, arg, ...extra] = positionals;
  const url = (v.url ?? DEFAULT_DAEMON_URL).replace(/\/+$/, '');
  if (!/^https?:\/\/./.test(url)) return usage(`--url: expected an http:// address, got ${url}`);
  if (extra.length > 0) return usage(`unexpected ${extra.join(' ')}`);
  const need = (what: string): SessionArgs | undefined => (arg === undefined ? usage(`${sub ?? ''}: give the ${what}`) : undefined);
  switch (sub) {
    case 'list':
      return arg === undefined ? { kind: 'list', url } : usage(`list takes no argument, got ${arg}`);
    case 'create':
      return need('session name') ?? { kind: 'create', url, name: arg ?? '', client: v.client, track: v.track, delivery: v.delivery };
    case 'save':
      return need('snapshot name (A, B, C, D or a name)') ?? { kind: 'save', url, snapshot: arg ?? '', session: v.session, track: v.track, notes: v.notes, replace: v.replace === true };
    case 'recall':
      return need('snapshot name') ?? { kind: 'recall', url, snapshot: arg ?? '', session: v.session, track: v.track };
    case 'open':
      return need('session id') ?? { kind: 'open', url, id: arg ?? '' };
    case 'export': {
      const format = v.format ?? 'html';
      if (format !== 'html' && format !== 'csv') return usage(`--format: html or csv, got ${format}`);
      return need('session id') ?? { kind: 'export', url, id: arg ?? '', format, out: v.out };
    }
    case undefined:
      return usage('give a sub-command: list, create, save, recall, open or export');
    default:
      return usage(`unknown sub-command '${sub}'`);
  }
}

const usage = (message: string): SessionArgs => ({ kind: 'error', message: `${message} (see detent session --help)` });
