/**
 * Bugs the fuzzers found in bridge/, reported to its owner and not fixed here. While a flag is
 * true, the properties tolerate exactly that bug (and nothing near it), so the suite stays green,
 * and test/fuzz/known-bugs.test.ts reproduces it as `it.fails` (which fails once the bug is
 * fixed). After the fix, set the flag to false: the reproduction becomes a plain test and the
 * properties check that case again.
 */
export const KNOWN_BUGS = {
  /**
   * drivers/osc/codec.ts `toArg`: an OSC array argument (`[` … `]` in the type tags) is decoded by
   * osc.js as a JS array, which has no `type`, so it becomes `{ type: 'other', tag: undefined }`
   * (OscArg says `tag: string`); a rejection then reads "expected one finite number, got [undefined]".
   */
  oscArrayArgumentTag: true,
  /**
   * osc.js (upstream) reads blob (`b`), MIDI (`m`) and colour (`r`) arguments with
   * `new Uint8Array(dv.buffer, idx, len)`, ignoring the view's byteOffset: when the datagram is a
   * view into a larger buffer, a truncated or over-long argument reads the bytes around it and
   * the packet is accepted instead of malformed. drivers/osc/codec.ts could pass osc.js a copy
   * when `data.byteOffset !== 0 || data.byteLength !== data.buffer.byteLength`. Node's UDP
   * socket hands over whole buffers today, so the daemon is not affected.
   */
  oscJsViewOffset: true,
  /**
   * config/validate.ts `checkValue`: `protoKeyPaths` recurses once per nesting level (and
   * `structuredClone` after it), so a JSON file nested about 1,700 levels deep (a 3.4 KB file of
   * brackets in any value) throws RangeError "Maximum call stack size exceeded" instead of
   * returning a problem. JSON.parse and the schema check themselves cope. Every loader throws or
   * rejects through it: config (the CLI prints the bare message, no file), controller profiles and
   * mapping sets (startup fails; a hot reload rejects unhandled and the devices page shows
   * nothing), firmware profiles, calibrations (the box is never opened: the `.then` that starts it
   * never runs), session files (the session list fails). The mutations stay below SAFE_NESTING.
   */
  deepNesting: true,
  /**
   * config/validate.ts `checkValue` through TypeBox's Value.Default: for an array with a schema
   * default (`[]`: serial, osc.allow, osc.feedback, controls' lists, mappings, channels, identity,
   * modifiers, ...), a JSON OBJECT given in its place is merged into the default by
   * `Object.assign([], value)` (TypeBox's IsObject is true for arrays), and the result passes the
   * check: `"serial": {"0": {"path": "/dev/ttyACM0"}, "note": "x"}` loads as a one-element array
   * (with an own property `note`), `"allow": {}` as `[]`: wrong input accepted without a word. With
   * a key `constructor`, the array's species lookup breaks, and the loader's next `.map`,
   * `.filter` or `.flatMap` throws TypeError "object.constructor[Symbol.species] is not a
   * constructor": resolveConfig (`"osc": {"allow": {"constructor": 1}}`, the CLI then prints just
   * that message), compileMappingSet and mappingSetProblems (`"mappings": {"constructor": 1}`:
   * loadMappingSet rejects). The other way round too: an empty array where a defaulted object
   * belongs (`"match": []` in a controller profile) loads as `{}`. Fix in checkValue: refuse (before defaulting) any value whose JSON
   * type is not one the schema allows at its path, or check `Value.Check` on a clone before
   * defaulting and report its errors first. The mutations leave the `constructor` key out.
   */
  defaultObjectAsArray: true,
  /**
   * daemon/serial/calibration-store.ts `readCalibration` takes a calibration file as the schema
   * checks it, without the checks a firmware profile's own calibration gets
   * (firmwareProfileProblems: min equal to max, a taper that does not rise from 0 to 1, min or
   * max outside the ADC's range). A hand-edited calibration with min = max is accepted silently
   * and its knob is stuck at 0; the same calibration in a firmware profile is refused with
   * "max equals min: the control could not move".
   */
  calibrationUnchecked: true,
  /**
   * config/calibration-schema.ts: `taper` has `default: null`, but TypeBox's Value.Default does
   * not fill defaults inside a Record's values (`channels`), so a calibration file whose channel
   * leaves `taper` out is refused: "/channels/0/taper: missing (expected one of an array, a
   * different value)". (The "a different value" is config/validate.ts `expected` having no case
   * for null: one line, `if (KindGuard.IsNull(schema)) return 'null';`.) Files written by
   * `detent calibrate` always carry `taper`; hand-written ones following the JSON Schema do not.
   * The seeds carry `taper`, so nothing in the properties depends on this flag.
   */
  calibrationTaperDefault: true,
  /**
   * config/calibration-schema.ts: `channels` is `Type.Record(Type.String({ pattern }), ...)`
   * without `{ additionalProperties: false }` (which the session schema's records have), so a key
   * that does not match the pattern ("", "_gain", "A 0") is accepted with ANY value, unchecked.
   * readCalibration hands it on, compileFirmwareProfile uses it as that channel's calibration, and
   * the first reading of that channel throws TypeError in invertTaper (min, max and taper
   * undefined) out of SerialRouter.route, i.e. out of the serial port's 'data' listener, inside
   * @serialport/stream's read `.then`: an unhandled rejection (logged, the daemon runs on) and,
   * by the look of Readable's push, no further read is scheduled, so the box goes silent while
   * shown up. Reachable with a hand-edited calibration and a text-lines box whose channel names
   * start with `_`, `.`, `-` or `/`. Fix: one line, add `{ additionalProperties: false }` to that
   * Type.Record. The property skips such keys.
   */
  calibrationRecordKeys: true,
  /**
   * config/profile-midi-schema.ts: the same for a relative encoding `{ "table": { value: steps } }`
   * (`Type.Record(Type.String({ pattern: '^[0-9]+$' }), Type.Integer())`): a key like "1.0", " 7"
   * or "1e0" passes unchecked with any value, and compiles (Number(key)) to an entry for raw value
   * 1 or 7 whose steps are whatever was written ("fast", {}, 0.5): a string or object becomes NaN
   * in the glue and the store refuses it silently. Fix: `{ additionalProperties: false }` there too.
   */
  relativeTableRecordKeys: true,
  /**
   * core/serial/condition/one-euro.ts `OneEuroFilter.filter`: two readings whose times differ by
   * less than about 5.6e-306 ms (only possible on a clock reading near 0: t = 0 then t = 1e-310)
   * make `freq = 1 / (time - lastTime)` Infinity, the derivative 0 × Infinity = NaN, and the
   * filter's state NaN for good: the knob never reports again until the port reopens (the NaN
   * never reaches the store: the output hysteresis holds its last step). One-line guard: take
   * the new rate only when it is finite. The time steps stay clear of it (gen.ts timeStep).
   */
  oneEuroSubnormalStep: true,
} as const;
