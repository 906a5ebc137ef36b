import https from '../../assets/scenarios/https.json';
import httpsRandomIsn from '../../assets/scenarios/https-random-isn.json';
import { parseScenario, type Scenario } from './scenario';

/** The scenarios that ship with the app, by id. The first is the default. */
const builtIn: Scenario[] = [https, httpsRandomIsn].map(parseScenario);

export const defaultScenarioId = builtIn[0].id;

export function scenarioIds(): string[] {
  return builtIn.map((s) => s.id);
}

export function findScenario(id: string): Scenario | undefined {
  return builtIn.find((s) => s.id === id);
}
