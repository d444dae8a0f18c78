/** The loudness meter's pure parts: scales, target relation, readout text, target choices. */
import { describe, expect, it } from 'vitest';
import {
  correlationPosition,
  formatCorrelation,
  formatLoudness,
  formatRange,
  LUFS_BOTTOM,
  LUFS_TOP,
  lufsPosition,
  reductionPosition,
  relationTo,
  truePeakPosition,
} from '../../dashboard/src/meters/loudness-scale.js';
import { defaultTarget, SESSION_TARGET_ID, targetChoices, type DeliveryPresetView } from '../../dashboard/src/meters/targets.js';

const PRESETS: DeliveryPresetView[] = [
  { id: 'spotify', name: 'Spotify', lufs: -14, truePeakDb: -1, note: '' },
  { id: 'cd', name: 'CD', lufs: null, truePeakDb: -0.3, note: '' },
];

describe('loudness scales', () => {
  it('maps LUFS linearly, clamped, with the floor and NaN at the bottom', () => {
    expect(lufsPosition(LUFS_BOTTOM)).toBe(0);
    expect(lufsPosition(LUFS_TOP)).toBe(1);
    expect(lufsPosition(-20)).toBeCloseTo(0.5, 6);
    expect(lufsPosition(5)).toBe(1);
    expect(lufsPosition(-120)).toBe(0);
    expect(lufsPosition(Number.NaN)).toBe(0);
  });
  it('true peak, correlation and gain reduction stay in 0..1', () => {
    expect(truePeakPosition(-30)).toBe(0);
    expect(truePeakPosition(3)).toBe(1);
    expect(truePeakPosition(-120)).toBe(0);
    expect(correlationPosition(-1)).toBe(0);
    expect(correlationPosition(0)).toBe(0.5);
    expect(correlationPosition(1)).toBe(1);
    expect(reductionPosition(0)).toBe(0);
    expect(reductionPosition(10)).toBe(0.5);
    expect(reductionPosition(40)).toBe(1);
  });
  it('relates a reading to the target within ±1 LU', () => {
    expect(relationTo(-14.5, -14)).toBe('on');
    expect(relationTo(-12.9, -14)).toBe('over');
    expect(relationTo(-15.1, -14)).toBe('under');
    expect(relationTo(-14, null)).toBe('none');
    expect(relationTo(-120, -14)).toBe('none');
  });
  it('formats readouts', () => {
    expect(formatLoudness(-14.24)).toBe('\u221214.2');
    expect(formatLoudness(-120)).toBe('\u2212\u221e');
    expect(formatRange(6.25)).toBe('6.3');
    expect(formatRange(-120)).toBe('\u2014');
    expect(formatCorrelation(0.821)).toBe('+0.82');
    expect(formatCorrelation(-0.1)).toBe('\u22120.10');
    expect(formatCorrelation(0)).toBe('0.00');
  });
});

describe('delivery target choices', () => {
  it('lists the presets, and the open session first with its own figures', () => {
    expect(targetChoices(PRESETS, null).map((c) => c.id)).toEqual(['spotify', 'cd']);
    const withSession = targetChoices(PRESETS, { name: 'Job', delivery: { preset: 'spotify', lufs: -13, truePeakDb: -2 } });
    expect(withSession[0]).toEqual({ id: SESSION_TARGET_ID, label: 'Session: Spotify (-13 LUFS)', lufs: -13, truePeakDb: -2 });
    expect(targetChoices(PRESETS, null)[1]?.label).toBe('CD (no target)');
  });
  it('keeps the user pick, else the session, else Spotify', () => {
    const plain = targetChoices(PRESETS, null);
    const withSession = targetChoices(PRESETS, { name: 'Job', delivery: { preset: 'cd', lufs: null, truePeakDb: -0.3 } });
    expect(defaultTarget(plain, null)?.id).toBe('spotify');
    expect(defaultTarget(withSession, null)?.id).toBe(SESSION_TARGET_ID);
    expect(defaultTarget(withSession, 'cd')?.id).toBe('cd');
    expect(defaultTarget(plain, 'gone')?.id).toBe('spotify');
    expect(defaultTarget([], null)).toBeNull();
  });
});
