/**
 * The key a raw input is routed by: protocol plus address, so the hot path is one Map look-up.
 * OSC: `osc <address>`. Later protocols add their own forms (`midi <device> cc <ch> <n>`).
 */
export type InputKey = string & { readonly __inputKey: true };

export const oscKey = (address: string): InputKey => `osc ${address}` as InputKey;

/** MIDI: `midi <profile> <source key>` (core/midi/spec.ts `sourceKey`), e.g. `midi x-touch-mini cc 10 1`. */
export const midiKey = (profile: string, sourceKey: string): InputKey => `midi ${profile} ${sourceKey}` as InputKey;
