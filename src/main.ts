// The entry point of `npm start`. It only checks the Node.js version, then loads the gateway:
// this file must import nothing else, because on an old Node the gateway's dependencies fail
// while loading, before any check of theirs could run.
import { nodeVersionProblem } from './core/node-version';

const problem = nodeVersionProblem(process.versions.node, process.execPath);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
void import('./start-gateway.js').then((gateway) => gateway.run());
