/**
 * Branded physical units, for the places where a mix-up would be heard: a gain in dB passed where a
 * linear factor is expected is a 20 dB mistake.
 */
declare const dbBrand: unique symbol;
declare const hzBrand: unique symbol;
declare const gainBrand: unique symbol;
declare const secondsBrand: unique symbol;

/** A level in decibels. */
export type Db = number & { readonly [dbBrand]: 'dB' };
/** A frequency in hertz. */
export type Hz = number & { readonly [hzBrand]: 'Hz' };
/** A linear amplitude factor (1 = unity). */
export type LinearGain = number & { readonly [gainBrand]: 'gain' };
/** A duration or time in seconds. */
export type Seconds = number & { readonly [secondsBrand]: 's' };

export const db = (x: number): Db => x as Db;
export const hz = (x: number): Hz => x as Hz;
export const seconds = (x: number): Seconds => x as Seconds;

/** 20·log10 amplitude convention (ITU/EBU): 0 dB = 1, -6.0206 dB = 0.5. */
export const dbToGain = (x: Db): LinearGain => 10 ** (x / 20) as LinearGain;
/** Inverse of dbToGain; a zero gain is -Infinity dB. */
export const gainToDb = (g: LinearGain | number): Db => (20 * Math.log10(g)) as Db;
