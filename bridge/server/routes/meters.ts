import type { MeterFrame } from '../../engine/interface.js';
import { bandEdges, SPECTRUM_BANDS_PER_OCTAVE, SPECTRUM_CENTRES_HZ, SPECTRUM_NOMINAL_HZ } from '../../engine/meters/spectrum/bands.js';
import { ErrorBodySchema, errorBody, ServerErrorCode } from '../http-errors.js';
import { MeterFrameSchema, SpectrumBandsSchema } from '../schemas.js';
import type { TypedApp } from '../type-provider.js';

/** What `spectrumDb[i]` of a meter frame is the level of; constant, so not in every frame. */
const SPECTRUM_BANDS = {
  bandsPerOctave: SPECTRUM_BANDS_PER_OCTAVE,
  centresHz: SPECTRUM_CENTRES_HZ,
  nominalHz: SPECTRUM_NOMINAL_HZ,
  edgesHz: SPECTRUM_CENTRES_HZ.map(bandEdges),
};

/**
 * `GET /api/meters`: the latest meter frame. Before the engine has produced one (not started, or
 * failed) it answers 503 METERS_UNAVAILABLE rather than an invented silent frame, so a script can
 * tell "silence" (-120 dBFS) from "no engine".
 *
 * `GET /api/meters/spectrum-bands`: the 1/6-octave bands of the frames' `spectrumDb` (centres,
 * nominal labels and edges, Hz), always available. The dashboard imports the same constants.
 */
export function registerMeterRoute(app: TypedApp, latest: () => MeterFrame | undefined): void {
  app.get('/api/meters', { schema: { response: { 200: MeterFrameSchema, 503: ErrorBodySchema } } }, (_request, reply) => {
    const frame = latest();
    if (frame !== undefined) return frame;
    reply.code(503);
    return errorBody(ServerErrorCode.MetersUnavailable, 'no meter frame yet: the engine has not produced one');
  });
  app.get('/api/meters/spectrum-bands', { schema: { response: { 200: SpectrumBandsSchema } } }, () => SPECTRUM_BANDS);
}
