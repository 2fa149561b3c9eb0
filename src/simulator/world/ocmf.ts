// OCMF as Zaptec chargers sign it (zaptec-api.md §5.5): "OCMF|<json>|<signature>", readings with
// TM "2025-08-28T15:02:55,000+00:00 R" (comma!), TX B/T/E and RV the cumulative register in kWh.
import { createHash } from 'node:crypto';

export interface OcmfReading {
  at: Date;
  kind: 'B' | 'T' | 'E';
  registerKwh: number;
}

export interface OcmfDevice {
  deviceId: string;
  gateway: 'ZAPTEC GO' | 'ZAPTEC PRO';
  firmware: string;
}

export function ocmfTime(date: Date): string {
  return `${date.toISOString().slice(0, 19)},${date.toISOString().slice(20, 23)}+00:00 R`;
}

function sign(document: string): string {
  // Not a real ECDSA signature: a stable stand-in of the right shape for parsers to carry along.
  const digest = createHash('sha256').update(document).digest('hex').toUpperCase();
  return `{"SD":"3045022100${digest}"}`;
}

function ocmf(device: OcmfDevice, pagination: string, readings: OcmfReading[]): string {
  const document = JSON.stringify({
    FV: '1.0',
    GI: device.gateway,
    GS: device.deviceId,
    GV: device.firmware,
    PG: pagination,
    RD: readings.map((reading) => ({
      TM: ocmfTime(reading.at),
      TX: reading.kind,
      RV: Math.round(reading.registerKwh * 1000) / 1000,
      RI: '1-0:1.8.0',
      RU: 'kWh',
      RT: 'AC',
      ST: 'G',
    })),
  });
  return `OCMF|${document}|${sign(document)}`;
}

/** The signed session of a CompletedSession / charge-history entry. */
export function sessionOcmf(device: OcmfDevice, readings: OcmfReading[], sequence: number): string {
  return ocmf(device, `T${sequence}`, readings);
}

/** Observation 554 SignedMeterValue: one reading of the lifetime register. */
export function meterValueOcmf(
  device: OcmfDevice,
  at: Date,
  registerKwh: number,
  sequence: number,
): string {
  return ocmf(device, `F${sequence}`, [{ at, kind: 'T', registerKwh }]);
}
