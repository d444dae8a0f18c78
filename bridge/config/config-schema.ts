import { Type, type Static } from '@sinclair/typebox';
import { EngineSchema } from './engine-schema.js';
import type { Frozen } from './freeze.js';
import { SchemaRef, SchemaVersion, Text } from './names.js';

/**
 * The daemon's config file (`<stateDir>/config.json` or `--config <path>`). Computed defaults
 * (state directory, shipped mappings) are the empty string here and resolved by the loader, so
 * the schema stays a pure description of the file; after loading no path is ever ''.
 * `schemaVersion` is required in every file (a file without it is an error, not version 1).
 */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;

/** A UDP/TCP port; 0 asks the OS for a free (ephemeral) port, for tests. */
const ListenPort = (port: number) => Type.Integer({ minimum: 0, maximum: 65535, default: port });

const Computed = (what: string) =>
  Type.String({ default: '', description: `${what}; '' (the default) means the built-in location. Relative paths resolve against this file's directory.` });

export const ConfigSchema = Type.Object(
  {
    $schema: SchemaRef,
    schemaVersion: SchemaVersion,
    stateDir: Computed('Directory for sessions and other state; default $XDG_DATA_HOME/detent or ~/.local/share/detent'),
    logLevel: Type.Union(
      LOG_LEVELS.map((l) => Type.Literal(l)),
      { default: 'info' },
    ),
    http: Type.Object(
      {
        host: Type.String({ minLength: 1, default: '127.0.0.1' }),
        port: ListenPort(7400),
        token: Type.Union([Type.String({ minLength: 16, maxLength: 256, pattern: '^[A-Za-z0-9._~-]+$' }), Type.Null()], {
          default: null,
          description:
            'Access token for the API, the WebSocket and the dashboard when bound off loopback (Authorization: Bearer <token>, or open the dashboard once with ?token=<token>). Null: one is generated and kept in <stateDir>/http-token. On loopback no token is needed unless one is set here.',
        }),
      },
      { additionalProperties: false, default: {}, description: 'The dashboard and HTTP API.' },
    ),
    osc: Type.Object(
      {
        host: Type.String({ minLength: 1, default: '0.0.0.0' }),
        port: ListenPort(9000),
        feedback: Type.Array(
          Type.Object({ host: Text, port: Type.Integer({ minimum: 1, maximum: 65535 }) }, { additionalProperties: false }),
          { default: [], description: 'Where to send feedback (fader positions, values) besides the peers that send to us.' },
        ),
        allow: Type.Array(Type.String({ minLength: 1, examples: ['192.168.1.0/24'] }), {
          default: [],
          description: 'Senders OSC input accepts, as CIDR blocks (192.168.1.0/24, 10.0.0.7, fd00::/8); empty (the default) accepts every sender. Refused packets are counted.',
        }),
      },
      { additionalProperties: false, default: {}, description: 'OSC input (UDP).' },
    ),
    midi: Type.Object(
      {
        ports: Type.Boolean({ default: true, description: 'Use the system MIDI ports (easymidi/RtMidi); without an ALSA sequencer MIDI is reported unavailable and the daemon runs on.' }),
        serial: Type.Array(Type.String({ minLength: 1 }), {
          default: [],
          description: 'Serial ports carrying raw MIDI bytes at 115200 baud (the Hairless convention), each listed as MIDI port `serial:<path>`.',
        }),
      },
      { additionalProperties: false, default: {}, description: 'MIDI controllers; profiles choose ports by name (match.midi).' },
    ),
    serial: Type.Array(
      Type.Object(
        {
          path: Type.String({ minLength: 1, examples: ['/dev/ttyACM0'], description: 'The port; a /dev/serial/by-id/ name survives replugging into another USB socket.' }),
          profile: Type.Optional(
            Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_./:@+-]*$', examples: ['deej'], description: "Firmware profile id (deej, firmata, midi-serial, text-lines, detent-hr or one of yours); default: the profile whose identity matches the port." }),
          ),
        },
        { additionalProperties: false },
      ),
      { default: [], description: 'Serial knob boxes to open (and reopen after an unplug); ports matching a profile\'s identity open by themselves.' },
    ),
    engine: EngineSchema,
    audio: Type.Object(
      {
        output: Type.Union([Type.Literal('default'), Type.Literal('jack'), Type.Literal('none')], {
          default: 'default',
          description: "'default' plays to a running JACK server, else the default audio device; 'jack' plays only to JACK (headless until its server runs); 'none' runs headless.",
        }),
        source: Type.String({
          minLength: 1,
          default: 'demo',
          description: "'demo' (a built-in signal), 'input' (the live audio input) or the path of a WAV, FLAC, MP3 or Ogg Vorbis file; to play a file named demo or input, write ./demo or ./input.",
        }),
      },
      { additionalProperties: false, default: {} },
    ),
    mappings: Type.Object(
      {
        controllers: Computed('Directory of controller profile JSON files; default the shipped mappings/controllers'),
        set: Computed('Mapping set JSON file; default the shipped mappings/sets/default.json'),
        firmware: Computed("Directory of your firmware profiles, loaded after the shipped firmware-profiles/ (the same id replaces a shipped one); default <stateDir>/firmware-profiles"),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

export type LogLevel = (typeof LOG_LEVELS)[number];

/** A loaded config: validated, defaults filled, every path absolute, deep-frozen. */
export type DetentConfig = Frozen<Static<typeof ConfigSchema>>;
