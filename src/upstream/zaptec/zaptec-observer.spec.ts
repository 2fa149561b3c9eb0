import { upstreamRoute } from './zaptec-observer';

describe('upstreamRoute', () => {
  it.each([
    ['/api/chargers', '/api/chargers'],
    ['/api/chargers/0b7c2a4e-1d1e-4c8e-9a51-5c2a0c6b8f10/state', '/api/chargers/{id}/state'],
    [
      '/api/chargers/0B7C2A4E-1D1E-4C8E-9A51-5C2A0C6B8F10/sendCommand/507',
      '/api/chargers/{id}/sendCommand/{id}',
    ],
    [
      '/api/chargerFirmware/installation/0b7c2a4e-1d1e-4c8e-9a51-5c2a0c6b8f10',
      '/api/chargerFirmware/installation/{id}',
    ],
    ['/oauth/token', '/oauth/token'],
  ])('labels %s as %s', (path, route) => {
    expect(upstreamRoute(path)).toBe(route);
  });
});
