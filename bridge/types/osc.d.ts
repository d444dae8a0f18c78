/** The parts of osc.js (osc@2) that Detent uses: its pure packet codec. The package ships no types. */
declare module 'osc' {
  export interface OscMetaArg {
    type: string;
    value?: unknown;
  }
  /** A decoded argument: an OSC array (`[` … `]` in the type tags) comes back as a plain JS array of its elements. */
  export type OscMetaItem = OscMetaArg | OscMetaItem[];
  export interface OscMessage {
    address: string;
    args: OscMetaItem[];
  }
  export interface OscBundle {
    timeTag: { raw: [number, number]; native: number };
    packets: OscPacket[];
  }
  export type OscPacket = OscMessage | OscBundle;
  export function readPacket(data: Uint8Array, options: { metadata: true; unpackSingleArgs?: boolean }): OscPacket;
  export function writePacket(packet: OscPacket, options: { metadata: true }): Uint8Array;
  export function timeTag(secondsFromNow: number): { raw: [number, number]; native: number };
  const osc: {
    readPacket: typeof readPacket;
    writePacket: typeof writePacket;
    timeTag: typeof timeTag;
  };
  export default osc;
}
