import { Type, type Static } from '@sinclair/typebox';
import type { Frozen } from './freeze.js';
import { ControlName, Id, SchemaRef, SchemaVersion, Text } from './names.js';

/**
 * Firmware profile (`firmware-profiles/*.json`): describes a serial knob box (an Arduino, Teensy,
 * RP2040 or ESP32 with pots, faders, stepped switches, encoders and buttons): how to recognise its
 * port, how to open it, which protocol it speaks, and each channel as a virtual control with its
 * calibration and filter. Compiled to core ChannelSpecs by firmware-profile.ts. Filter settings
 * left out take the defaults for the channel's ADC bits (core/serial/condition/defaults.ts),
 * which is why they have no schema default.
 */

const HexId = (what: string) => Type.String({ pattern: '^[0-9a-fA-F]{4}$', examples: ['2341'], description: `USB ${what} id, 4 hex digits.` });

/** One way to recognise the port: every field given must match. */
const IdentityRule = Type.Object(
  {
    vendorId: Type.Optional(HexId('vendor')),
    productId: Type.Optional(HexId('product')),
    serialNumber: Type.Optional(Text),
    manufacturer: Type.Optional(Type.String({ minLength: 1, description: 'Substring of the USB manufacturer string, case-insensitive.' })),
    path: Type.Optional(
      Type.String({
        minLength: 1,
        examples: ['/dev/serial/by-id/usb-Detent*'],
        description: 'Port path; `*` matches any run of characters (a /dev/serial/by-id/ name survives replugging into another USB socket).',
      }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

const Transport = Type.Object(
  {
    baudRate: Type.Integer({ minimum: 50, maximum: 4_000_000, default: 115200 }),
    dataBits: Type.Union([Type.Literal(5), Type.Literal(6), Type.Literal(7), Type.Literal(8)], { default: 8 }),
    parity: Type.Union([Type.Literal('none'), Type.Literal('even'), Type.Literal('odd')], { default: 'none' }),
    stopBits: Type.Union([Type.Literal(1), Type.Literal(2)], { default: 1 }),
    dtr: Type.Boolean({
      default: true,
      description: 'Assert DTR on open. An Uno-class board resets when DTR rises (its bootloader then runs for about 1.5 s); false keeps it running, where the USB adapter allows.',
    }),
    settleMs: Type.Integer({
      minimum: 0,
      maximum: 10_000,
      default: 0,
      description: 'Time after opening (ms) during which received bytes are dropped and nothing is sent: a board that resets on open prints bootloader noise.',
    }),
    hello: Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      default: null,
      description: 'Text sent once after settling (e.g. "start\\n" for a board that waits to be asked); the protocol\'s own handshake (Firmata, Detent HR) is sent regardless.',
    }),
  },
  { additionalProperties: false, default: {} },
);

const Decoder = Type.Union(
  [
    Type.Object({ kind: Type.Literal('deej'), bits: Type.Integer({ minimum: 1, maximum: 16, default: 10 }) }, { additionalProperties: false, description: 'deej lines v0|v1|...|vN, one per report.' }),
    Type.Object(
      { kind: Type.Literal('firmata'), samplingIntervalMs: Type.Integer({ minimum: 1, maximum: 16383, default: 10, description: 'Set with SysEx 0x7A after the version report.' }) },
      { additionalProperties: false, description: 'StandardFirmata: analog pins reported as channels A0, A1, ...' },
    ),
    Type.Object({ kind: Type.Literal('midi') }, { additionalProperties: false, description: 'MIDI bytes (Hairless convention): channels cc/<ch>/<n>, pb/<ch>, note/<ch>/<n>.' }),
    Type.Object(
      {
        kind: Type.Literal('text-lines'),
        separator: Type.Union([Type.Literal('space'), Type.Literal('colon'), Type.Literal('any')], { default: 'any', description: '`A0 512`, `A0:512`, or either.' }),
        bits: Type.Integer({ minimum: 1, maximum: 16, default: 10 }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ kind: Type.Literal('detent-hr') }, { additionalProperties: false, description: 'Detent HR: SLIP frames with CRC, 12–16-bit values (firmware-profiles/detent-hr/PROTOCOL.md).' }),
  ],
  { description: 'The protocol the firmware speaks.' },
);

const Calibration = Type.Object(
  {
    min: Type.Number({ description: 'Raw counts at one end of travel (position 0).' }),
    max: Type.Number({ description: 'Raw counts at the other end (position 1); below min for a part wired backwards.' }),
    taper: Type.Union([Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { minItems: 3, maxItems: 101 }), Type.Null()], {
      default: null,
      description: 'Audio-taper correction: the raw fraction measured at evenly spaced rotations, first 0 and last 1, increasing. Null: linear.',
    }),
  },
  { additionalProperties: false },
);

const Filter = Type.Object(
  {
    minCutoff: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: '1€ filter minimum cut-off (Hz) at rest.' })),
    beta: Type.Optional(Type.Number({ minimum: 0, maximum: 1000, description: '1€ speed coefficient.' })),
    dCutoff: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000, description: '1€ derivative cut-off (Hz).' })),
    sleep: Type.Optional(Type.Number({ minimum: 0, description: 'Raw counts a resting knob must move to wake; 0 disables sleep.' })),
    hysteresis: Type.Optional(Type.Number({ minimum: 0, maximum: 16, description: 'Output steps the filtered value must pass before the output moves.' })),
    resolution: Type.Optional(Type.Integer({ minimum: 2, maximum: 65536, description: 'Output steps over the full travel.' })),
  },
  { additionalProperties: false, description: 'Input conditioning; each setting left out takes the default for the channel\'s ADC bits.' },
);

const ChannelName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_./-]*$', examples: ['A0', '3', 'cc/1/7'], description: 'The channel as the decoder names it.' });
const Bits = Type.Optional(Type.Integer({ minimum: 1, maximum: 16, description: "ADC bits of the raw reading; default the decoder's." }));
const base = { name: ChannelName, control: ControlName, bits: Bits };

const Channel = Type.Union([
  Type.Object(
    { ...base, kind: Type.Union([Type.Literal('pot'), Type.Literal('fader')]), calibration: Type.Optional(Calibration), filter: Type.Optional(Filter) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      ...base,
      kind: Type.Literal('switch'),
      positions: Type.Integer({ minimum: 2, maximum: 64, description: 'Positions of the stepped switch (a resistor ladder).' }),
      calibration: Type.Optional(Calibration),
      hysteresis: Type.Number({ minimum: 0, maximum: 0.49, default: 0.25, description: 'Fraction of a step a reading must pass a boundary by.' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    { ...base, kind: Type.Literal('encoder'), countsPerStep: Type.Integer({ minimum: 1, maximum: 64, default: 4, description: 'Counts per detent (4 for most quadrature encoders).' }) },
    { additionalProperties: false, description: 'The raw reading is a running count, wrapping at 2^bits.' },
  ),
  Type.Object({ ...base, kind: Type.Literal('button') }, { additionalProperties: false, description: 'Raw above half scale is pressed.' }),
]);

export const FirmwareProfileSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    id: Id('deej', 'Stable profile id, as `--serial <path>:<id>` names it.'),
    name: Text,
    description: Type.Optional(Type.String()),
    identity: Type.Array(IdentityRule, {
      default: [],
      description: 'Ports this profile opens by itself when they appear; empty (the default): only ports named in the config or with --serial.',
    }),
    transport: Transport,
    decoder: Decoder,
    channels: Type.Array(Channel, { default: [], description: 'The physical controls, each a virtual control to the mapping engine.' }),
    unlisted: Type.Boolean({
      default: false,
      description: 'Channels the board reports that are not listed appear as pots named pot/<channel> (so learn can find them); false ignores them.',
    }),
  },
  { additionalProperties: false },
);

export type FirmwareProfile = Frozen<Static<typeof FirmwareProfileSchema>>;
export type FirmwareChannel = FirmwareProfile['channels'][number];
export type FirmwareDecoder = FirmwareProfile['decoder'];
