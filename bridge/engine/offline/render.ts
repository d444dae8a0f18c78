import { loudnessReport } from '../export/report.js';
import { renderChainOffline, type OfflineRenderRequest, type RenderedAudio } from '../webaudio/offline.js';
import { renderChainFast } from './one-thread.js';
import { renderFastMeasured, type MeasuredRender } from './pipeline.js';

export { renderChainFast } from './one-thread.js';
export type { MeasuredRender } from './pipeline.js';

/**
 * The fast offline render: the chain of FastChain (plain TypeScript, same DSP classes as the
 * worklets) over the looped source, block by block (one-thread.ts; pipeline.ts splits it over two
 * threads, with the loudness report). Same request and result as the
 * graph path (webaudio/offline.ts, renderChainOffline) and the same samples (test/engine/
 * offline-equality.test.ts): the source is decoded the same way, looped, mixed to stereo as the
 * chain's input node mixes it, and the output is latency-compensated the same way.
 *
 * Timed parameter changes are not computed here: a request with `changes` is rendered by the
 * graph (`renderChain` picks), where the ramps and the audio-rate smoothing of the levels run on
 * real AudioParams.
 */

/** Which implementation renders: `fast` (this file) or `graph` (an OfflineAudioContext). */
export type RenderEngine = 'fast' | 'graph';

/**
 * Renders with the fast path when it can (no timed changes), else with the graph; `engine: 'graph'`
 * forces the graph (the reference the equality tests compare with).
 */
export function renderChain(req: OfflineRenderRequest, engine: RenderEngine = 'fast'): Promise<RenderedAudio> {
  return engine === 'graph' || (req.changes?.length ?? 0) > 0 ? renderChainOffline(req) : renderChainFast(req);
}

/**
 * renderChain and the loudness report of its output: export/report.ts's loudnessReport for the
 * graph engine, ProgrammeMeter's (the same report, offline/loudness.ts) for the fast one, which
 * computes it on a second thread while it renders (pipeline.ts).
 */
export async function renderMeasured(req: OfflineRenderRequest, engine: RenderEngine = 'fast'): Promise<MeasuredRender> {
  if (engine === 'fast' && (req.changes?.length ?? 0) === 0) return renderFastMeasured(req);
  const audio = await renderChain(req, engine);
  return { audio, report: loudnessReport(audio.channels, audio.sampleRate), threads: 1 };
}
