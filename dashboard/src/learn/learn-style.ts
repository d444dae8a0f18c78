/**
 * Styles of the learn UI and of the mapping-file problems list, added to the page once by the
 * learn banner (the dashboard's static stylesheet stays as it is; these follow its variables).
 */
const CSS = `
#learn-banner { display: flex; align-items: center; gap: 12px; padding: 8px 18px; border-bottom: 1px solid var(--line); font-size: 14px; }
#learn-banner[hidden] { display: none; }
#learn-banner[data-tone='info'] { background: #1d2a33; }
#learn-banner[data-tone='ok'] { background: #1b2b28; color: var(--accent); }
#learn-banner[data-tone='warn'] { background: #2d2619; color: var(--warn); }
#learn-banner[data-tone='bad'] { background: #301d1a; color: var(--bad); }
#learn-banner .text { flex: 1; }
#learn-banner .left { font-family: var(--mono); font-size: 12px; color: var(--muted); }
#learn-banner button, .param .learn { font: inherit; font-size: 11px; color: var(--text); background: transparent; border: 1px solid var(--line); border-radius: 4px; padding: 1px 8px; cursor: pointer; }
.param .learn { grid-area: learn; display: none; }
#params.learn-on .param { grid-template-areas: 'name name readout' 'range range range' 'num origin learn'; }
#params.learn-on .param .learn { display: inline-block; }
.param .learn[aria-pressed='true'] { border-color: var(--accent); color: var(--accent); }
#mappings .problems { margin: 0 0 10px; padding: 8px 10px 8px 24px; border: 1px solid #5a2f28; border-radius: 6px; color: var(--bad); overflow-wrap: anywhere; }
`;

let added = false;

export function addLearnStyles(): void {
  if (added) return;
  added = true;
  const style = document.createElement('style');
  style.textContent = CSS;
  document.head.append(style);
}
