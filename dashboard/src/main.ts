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
import { MappingsView } from './mappings-view.js';
import { MeterView } from './meters/meter-view.js';
import { ParamPanel } from './params/param-panel.js';
import { SetQueue } from './set-queue.js';
import { StatusView } from './status-view.js';

const status = new StatusView(byId('connection'), byId('version'), byId('notice'));
const meters = new MeterView(byId<HTMLCanvasElement>('meter-canvas'), {
  peak: [byId('peak-l'), byId('peak-r')],
  rms: [byId('rms-l'), byId('rms-r')],
});
const mappings = new MappingsView(byId('mappings'));
// Views are built before the connection starts; the closures below reach `sets` only after that.
const params = new ParamPanel(
  byId('params'),
  (id, value) => sets.set(id, value),
  // A row's Learn button starts a learn, or cancels the one it is already listening for.
  (id, learning) => void (learning ? cancelLearn() : startLearn(id).then((error) => error !== null && status.show(error))),
);
const learnBanner = new LearnBanner(document.querySelector('header') ?? document.body, (id) => params.nameOf(id), () => void cancelLearn());
const devices = new DevicesView(byId('devices'));

function onMessage(m: ServerMessage): void {
  switch (m.type) {
    case 'hello':
      status.setVersion(m.version);
      params.load(m.params);
      mappings.show(m.mappings, (id) => params.nameOf(id));
      devices.show(m.devices);
      break;
    case 'param':
      params.update(m.id, m.value, m.norm, m.origin);
      break;
    case 'meters':
      meters.push(m);
      break;
    case 'devices':
      devices.show(m.devices);
      break;
    case 'mappings':
      mappings.show(m.mappings, (id) => params.nameOf(id), m.problems);
      break;
    case 'learn':
      params.learnState(m.learn);
      learnBanner.show(m.learn);
      break;
    case 'error':
      status.show(m.message);
      break;
    default:
      assertNever(m, 'server message');
  }
}

const connection = new Connection(wsUrl(), {
  message: onMessage,
  state: (s) => {
    status.connection(s);
    if (s.kind !== 'open') meters.reset();
  },
});
const sets = new SetQueue(
  (m) => connection.send(m),
  () => status.show('Not connected: the change was not sent.'),
);

meters.start();
connection.start();
