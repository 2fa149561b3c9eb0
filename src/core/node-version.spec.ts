import { nodeVersionProblem } from './node-version';

describe('nodeVersionProblem', () => {
  it.each(['24.0.0', '24.21.0', '25.1.0'])('accepts Node %s', (version) => {
    expect(nodeVersionProblem(version, '/usr/bin/node')).toBeUndefined();
  });

  it.each(['20.20.2', '22.11.0', '23.9.9'])('says Node 24 is needed on Node %s', (version) => {
    expect(nodeVersionProblem(version, '/usr/bin/node')).toBe(
      `zaptec-gateway needs Node.js 24 or newer, but /usr/bin/node is Node.js ${version}. Start it with \`npm start\` (which runs the Node.js 24 that \`npm install\` put in node_modules), or install Node.js 24.`,
    );
  });
});
