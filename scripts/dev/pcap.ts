import { writeFileSync } from 'node:fs';
import { writePcapng } from '../../src/export/pcapng';
import { findScenario } from '../../src/sim/scenarios';
import { simulate } from '../../src/sim/simulate';
const id = process.argv[2];
writeFileSync(`/tmp/${id}.pcapng`, writePcapng(simulate(findScenario(id)!)));
