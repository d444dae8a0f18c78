import type { ParamDescriptor } from './descriptor.js';

/**
 * A value as an engineer reads it, with its unit: "-6.0 dB", "250 Hz", "1.26 kHz", "Q 0.71",
 * "100 %". Used for controller displays and OSC text labels.
 */
export function formatValue(d: ParamDescriptor, v: number): string {
  switch (d.unit) {
    case 'dB':
      return `${v > 0 ? '+' : ''}${v.toFixed(1)} dB`;
    case 'Hz':
      return v >= 1000 ? `${(v / 1000).toFixed(v >= 10000 ? 1 : 2)} kHz` : `${v.toFixed(0)} Hz`;
    case 'Q':
      return `Q ${v.toFixed(2)}`;
    case '%':
      return `${v.toFixed(0)} %`;
    case 'ms':
      return `${v.toFixed(v < 10 ? 1 : 0)} ms`;
    case 'ratio':
      return `${v.toFixed(1)}:1`;
    case 'choice':
      return d.choices?.[Math.round(v - d.min)] ?? `${v}`;
    default:
      return `${Number(v.toFixed(3))} ${d.unit}`;
  }
}
