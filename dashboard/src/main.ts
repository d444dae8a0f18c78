/**
 * The dashboard's entry: builds the views over index.html's skeleton, connects to the daemon and
 * routes each server message to the one view it concerns.
 */
import { assertNever } from '../../bridge/core/assert-never.js';
import type { ServerMessage } from '../../bridge/server/messages.js';
import { Connection, wsUrl } from './connection.js';
import { DevicesView } from './devices-view.js';
import { LearnBanner } from './learn/learn-banner.js';
import { cancelLearn, startLearn } from './learn/learn-client.js';
import { byId } from './dom.js';
import { MappingsView } from './mappings/mappings-view.js';
import { LoudnessView } from './meters/loudness-view.js';
import { MeterView } from './meters/meter-view.js';
import { SpectrumView } from './meters/spectrum-view.js';
import { MonitorView } from './monitor/monitor-view.js';
import { TargetPicker } from './meters/target-picker.js';
import { ParamPanel } from './params/param-panel.js';
import { CalibrationDialog } from './serial/calibration-dialog.js';
import { SerialPortsView } from './serial/ports-view.js';
import { CompareView } from './sessions/compare-view.js';
import { HistoryView } from './sessions/history-view.js';
import { SessionsPanel } from './sessions/sessions-panel.js';
import { SetQueue } from './set-queue.js';
import { StatusView } from './status-view.js';
import { TransportView } from './transport/transport-view.js';

const status = new StatusView(byId('connection'), byId('version'), byId('notice'));
const meters = new MeterView(byId<HTMLCanvasElement>('meter-canvas'), {
  peak: [byId('peak-l'), byId('peak-r')],
  rms: [byId('rms-l'), byId('rms-r')],
});
const loudness = new LoudnessView(byId<HTMLCanvasElement>('loudness-canvas'), {
  momentary: byId('lu-m'),
  shortTerm: byId('lu-s'),
  integrated: byId('lu-i'),
  range: byId('lu-lra'),
  truePeakMax: byId('lu-tp'),
  correlation: byId('lu-corr'),
});
const spectrum = new SpectrumView(byId<HTMLCanvasElement>('spectrum-canvas'));
const targets = new TargetPicker(byId<HTMLSelectElement>('target-select'), (t) => loudness.setTarget(t));
// Views are built before the connection starts; the closures below reach `sets` only after that.
const params = new ParamPanel(
  byId('params'),
  (id, value) => sets.set(id, value),
  // A row's Learn button starts a learn, or cancels the one it is already listening for.
  (id, learning) => void (learning ? cancelLearn() : startLearn(id).then((error) => error !== null && status.show(error))),
);
const mappings = new MappingsView(byId('mappings'), params, (message) => status.show(message));
const learnBanner = new LearnBanner(document.querySelector('header') ?? document.body, (id) => params.nameOf(id), () => void cancelLearn());
const calibration = new CalibrationDialog();
const devices = new DevicesView(byId('devices'), (port) => void calibration.open(port));
const ports = new SerialPortsView(byId('serial-ports'));
const monitor = new MonitorView(byId('monitor'));
const notice = (message: string): void => status.show(message);
const transport = new TransportView(byId('transport'), notice);
const history = new HistoryView(byId('history'), notice);
const compare = new CompareView(byId('compare'), notice, () => history.changed());
const sessions = new SessionsPanel(byId('sessions'), {
  nameOf: (id) => params.nameOf(id),
  notice,
  onChanged: () => void targets.refresh(),
  onRecalled: () => {
    history.changed();
    void compare.refresh();
  },
});

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'hello':
      status.setVersion(m.version);
      params.load(m.params);
      mappings.show(m.mappings);
      devices.show(m.devices);
      ports.devicesChanged(m.devices);
      void targets.refresh();
      void sessions.refresh();
      void compare.refresh();
      void history.refresh();
      break;
    case 'param':
      params.update(m.id, m.value, m.norm, m.origin);
      history.changed();
      monitor.add(m.id, params.nameOf(m.id) ?? m.id, params.valueText(m.id, m.value) ?? String(m.value), m.origin);
      break;
    case 'meters':
      meters.push(m);
      loudness.push(m.loudness);
      spectrum.push(m.spectrumDb);
      break;
    case 'devices':
      devices.show(m.devices);
      ports.devicesChanged(m.devices);
      break;
    case 'mappings':
      mappings.show(m.mappings, m.problems, m.removed);
      sessions.mappingsChanged();
      break;
    case 'learn':
      params.learnState(m.learn);
      learnBanner.show(m.learn);
      break;
    case 'error':
      status.show(m.message);
      break;
    case 'inputs':
      monitor.addInputs(m.entries, m.dropped);
      break;
    default:
      assertNever(m, 'server message');
  }
}

const connection = new Connection(wsUrl(), {
  message: onMessage,
  state: (s) => {
    status.connection(s);
    if (s.kind !== 'open') {
      meters.reset();
      loudness.reset();
      spectrum.reset();
    }
  },
});
const sets = new SetQueue(
  (m) => connection.send(m),
  () => status.show('Not connected: the change was not sent.'),
);

meters.start();
loudness.start();
spectrum.start();
transport.start();
connection.start();
