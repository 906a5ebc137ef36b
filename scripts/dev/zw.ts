import { parseScenario } from '../../src/sim/scenario';
import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const s = findScenario('https')!;
const sim = simulate(parseScenario({ ...s, tcp: { ...s.tcp, window: 23168, clientReadBytesPerSecond: 1000 }, http: { ...s.http, bodyBytes: 30000 } }));
for (const e of sim.events) if (e.kind !== 'arrive') console.log((e.atUs / 1000).toFixed(3), e.kind, e.text, e.kind === 'send' ? e.packet.tcp?.window : '');
