/** The Node.js major the gateway is built and tested for (package.json "engines"). */
export const REQUIRED_NODE_MAJOR = 24;

/**
 * Why this Node.js cannot run the gateway, or undefined when it can. Checked by main.ts before
 * anything else loads: on an older Node the dependencies (undici first) fail with errors that do
 * not say the version is the problem.
 */
export function nodeVersionProblem(version: string, executable: string): string | undefined {
  const major = Number.parseInt(version.split('.')[0] ?? '', 10);
  if (major >= REQUIRED_NODE_MAJOR) return undefined;
  return `zaptec-gateway needs Node.js ${REQUIRED_NODE_MAJOR} or newer, but ${executable} is Node.js ${version}. Start it with \`npm start\` (which runs the Node.js ${REQUIRED_NODE_MAJOR} that \`npm install\` put in node_modules), or install Node.js ${REQUIRED_NODE_MAJOR}.`;
}
