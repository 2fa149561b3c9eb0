// The ceiling for the gateway's cached read: a bare node:http server that answers every request
// with one prebuilt Buffer (the gateway's own state body, read from the file given) as JSON. No
// routing, no headers beyond type and length: what Node itself costs per request on this machine.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]);
const headers = { 'content-type': 'application/json', 'content-length': body.length };
const server = createServer((_request, response) => {
  response.writeHead(200, headers);
  response.end(body);
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening ${server.address().port}\n`);
});
process.once('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
