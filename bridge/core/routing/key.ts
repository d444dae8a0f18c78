/**
 * The key a raw input is routed by: protocol plus address, so the hot path is one Map look-up.
 * OSC: `osc <address>`. Later protocols add their own forms (`midi <device> cc <ch> <n>`).
 */
export type InputKey = string & { readonly __inputKey: true };

export const oscKey = (address: string): InputKey => `osc ${address}` as InputKey;
