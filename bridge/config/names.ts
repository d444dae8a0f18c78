import { Type } from '@sinclair/typebox';

/**
 * Name formats shared by the file schemas. Each carries an example, which validation messages
 * quote ("expected string like "fader/1"").
 */

/** `"$schema": "../schema/x.schema.json"`: lets editors find the JSON Schema; ignored by Detent. */
export const SchemaRef = Type.Optional(Type.String({ description: 'JSON Schema for editors; ignored by Detent.' }));

/** The only file format version this build reads. */
export const SchemaVersion = Type.Literal(1, { description: 'File format version.' });

/** A virtual control: `kind/name` (`fader/1`, `knob/3`, `button/bank-left`). */
export const ControlName = Type.String({
  pattern: '^[a-z][a-z0-9-]*(/[A-Za-z0-9][A-Za-z0-9_.-]*)+$',
  examples: ['fader/1', 'knob/3', 'button/bank-left'],
  description: 'Virtual control name, kind/name.',
});

/** A chain parameter id as the engine describes it (`input.gain`, `eq.band2.freq`). */
export const ParamName = Type.String({
  pattern: '^[a-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*$',
  examples: ['eq.band2.gain'],
  description: 'Parameter id.',
});

/** An OSC 1.0 address: `/`-separated parts without spaces or pattern characters (#*,?[]{}). */
export const OscAddress = Type.String({
  pattern: '^(/[^\\s#*,/?\\[\\]{}]+)+$',
  examples: ['/1/fader1'],
  description: 'OSC address.',
});

/** Short ids for profiles and mappings: letters, digits and `_ . / : @ + -` (generated mapping ids use `@` and `+`). */
export const Id = (example: string, description: string) =>
  Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_./:@+-]*$', examples: [example], description });

export const Text = Type.String({ minLength: 1 });

/** A page of a mapping set (`eq`, `tone`): letters, digits and `_ . -`. */
export const PageName = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$', examples: ['eq'], description: 'Page name.' });
