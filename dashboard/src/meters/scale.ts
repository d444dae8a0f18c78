/**
 * The meter scale: dBFS → position 0..1 (bottom..top), after the IEC 60268-18 bar-graph scale that
 * JACK and Ardour meters use: the top 20 dB take half the height, where mastering decisions happen;
 * -70 dBFS and below sit at 0. A few dB above full scale stay visible (a float chain can go over).
 */
export const SCALE_TOP_DB = 3;

function iec(db: number): number {
  if (db < -70) return 0;
  if (db < -60) return (db + 70) * 0.25;
  if (db < -50) return (db + 60) * 0.5 + 2.5;
  if (db < -40) return (db + 50) * 0.75 + 7.5;
  if (db < -30) return (db + 40) * 1.5 + 15;
  if (db < -20) return (db + 30) * 2 + 30;
  return (Math.min(db, SCALE_TOP_DB) + 20) * 2.5 + 50;
}

const TOP = iec(SCALE_TOP_DB);

/** Position of a level on the meter, 0 (floor) .. 1 (SCALE_TOP_DB). NaN reads as the floor. */
export const meterPosition = (db: number): number => (Number.isNaN(db) ? 0 : iec(db) / TOP);

/** Where the scale has labelled ticks, top to bottom. */
export const METER_TICKS: readonly number[] = [3, 0, -3, -6, -9, -12, -18, -24, -30, -40, -50, -60];

/** Colour zones, bottom-up: each applies from its `fromDb` to the next zone's. */
export const METER_ZONES: readonly { readonly fromDb: number; readonly colour: string }[] = [
  { fromDb: -Infinity, colour: '#4f9d92' },
  { fromDb: -18, colour: '#8fb36a' },
  { fromDb: -9, colour: '#d9a441' },
  { fromDb: -1, colour: '#d9614f' },
];
