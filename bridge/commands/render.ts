/**
 * `detent render <in> <out> [--set <id>=<value> ...] [--bits 16|24|32] [--engine fast|graph]`:
 * renders a file through the embedded chain offline (faster than real time), writes a WAV (16 or
 * 24-bit with TPDF dither, or 32-bit float) at the file's own rate, and prints the output's loudness
 * report. The `fast` engine (default) computes the chain in TypeScript (engine/offline/), metering
 * the output on a second thread as it renders; `graph` renders it with an OfflineAudioContext and
 * measures with LoudnessMeter, the reference the fast path is proven equal to
 * (test/engine/offline-equality.test.ts).
 * A progress bar is drawn on stderr when it is a terminal. Exit 0 ok, 1 a failure, 2 bad usage.
 */
import { writeFile } from 'node:fs/promises';
import { chainParam } from '../engine/chain/params.js';
import { formatReport } from '../engine/export/report.js';
import { encodeWav, type WavFormat } from '../engine/export/wav.js';
import { renderMeasured, type RenderEngine } from '../engine/offline/render.js';
import { decodeFile } from '../engine/source/decode-file.js';

const USAGE = 'usage: detent render <in> <out.wav> [--set <param-id>=<value> ...] [--bits 16|24|32] [--engine fast|graph]';
const FORMATS: Readonly<Record<string, WavFormat>> = { '16': 'pcm16', '24': 'pcm24', '32': 'float32' };
const ENGINES: readonly RenderEngine[] = ['fast', 'graph'];

interface RenderArgs {
  readonly input: string;
  readonly output: string;
  readonly values: Map<string, number>;
  readonly format: WavFormat;
  readonly engine: RenderEngine;
}

/** Parses the arguments; a string is the usage error to print. */
export function parseRenderArgs(argv: readonly string[]): RenderArgs | string {
  const files: string[] = [];
  const values = new Map<string, number>();
  let format: WavFormat = 'pcm24';
  let engine: RenderEngine = 'fast';
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? '';
    if (a === '--set') {
      const m = /^([\w.]+)=(-?[\d.]+(?:e-?\d+)?)$/.exec(argv[++i] ?? '');
      if (m === null) return `--set needs <param-id>=<number>\n${USAGE}`;
      const [id, v] = [m[1] ?? '', Number(m[2])];
      const d = chainParam(id);
      if (d === undefined) return `unknown parameter ${id}`;
      if (!(v >= d.min && v <= d.max)) return `${id}: ${v} is outside ${d.min}..${d.max} ${d.unit}`;
      values.set(id, v);
    } else if (a === '--bits') {
      const f = FORMATS[argv[++i] ?? ''];
      if (f === undefined) return `--bits takes 16, 24 or 32\n${USAGE}`;
      format = f;
    } else if (a === '--engine') {
      const e = ENGINES.find((x) => x === argv[i + 1]);
      i++;
      if (e === undefined) return `--engine takes fast or graph\n${USAGE}`;
      engine = e;
    } else if (a.startsWith('-')) return `unknown option ${a}\n${USAGE}`;
    else files.push(a);
  }
  const [input, output] = files;
  if (input === undefined || output === undefined || files.length > 2) return USAGE;
  return { input, output, values, format, engine };
}

/** A one-line progress bar, redrawn in place. */
function bar(fraction: number): string {
  const width = 30;
  const done = Math.round(fraction * width);
  return `\rrendering [${'#'.repeat(done)}${'.'.repeat(width - done)}] ${(fraction * 100).toFixed(0).padStart(3)} %`;
}

export async function renderCommand(argv: readonly string[]): Promise<number> {
  const args = parseRenderArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`detent render: ${args}\n`);
    return 2;
  }
  try {
    const file = await decodeFile(args.input);
    const seconds = (file.channels[0]?.length ?? 0) / file.sampleRate;
    const tty = process.stderr.isTTY === true;
    const t0 = performance.now();
    const { audio: out, report, threads } = await renderMeasured(
      {
        source: { kind: 'pcm', sampleRate: file.sampleRate, channels: file.channels },
        seconds,
        values: args.values,
        onProgress: tty ? (f) => process.stderr.write(bar(f)) : undefined,
      },
      args.engine,
    );
    if (tty) process.stderr.write(`${bar(1)}\n`);
    const wall = (performance.now() - t0) / 1000;
    await writeFile(args.output, encodeWav(out.channels, out.sampleRate, args.format));
    process.stdout.write(`${args.output}: ${seconds.toFixed(1)} s at ${out.sampleRate} Hz in ${wall.toFixed(1)} s (${(seconds / wall).toFixed(0)}× real time, ${args.engine} engine${threads > 1 ? `, ${threads} threads` : ''})\n`);
    process.stdout.write(`${formatReport(report)}\n`);
    return 0;
  } catch (e) {
    process.stderr.write(`detent render: ${(e as Error).message}\n`);
    return 1;
  }
}
