/**
 * The virtual control name learn gives an input no profile names: `learned/` and the address's
 * parts joined by `-` (`/1/fader1` → `learned/1-fader1`), characters a control name cannot hold
 * replaced by `_`, and `-2`, `-3`, … when the name is taken. Always matches the ControlName
 * pattern of the schemas (bridge/config/names.ts).
 */
export function learnedControlName(address: string, taken: ReadonlySet<string>): string {
  const parts = address
    .split('/')
    .filter((p) => p !== '')
    .map((p) => p.replace(/[^A-Za-z0-9_.-]/g, '_'));
  let base = parts.join('-');
  if (!/^[A-Za-z0-9]/.test(base)) base = `x${base}`;
  const name = `learned/${base}`;
  if (!taken.has(name)) return name;
  for (let i = 2; ; i++) if (!taken.has(`${name}-${i}`)) return `${name}-${i}`;
}
