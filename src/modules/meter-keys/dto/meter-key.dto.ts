import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** The demo charger Driveway's meter key (GET /__sim/chargers/:id/meter-public-key). */
const EXAMPLE_PEM =
  '-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEoQcVN5ZOOYZ2ppyeOQ1/MmzJycPE\nJVW5Y087CK3PifiE/OjA7BvRVZv/En7MPAQFNdNem3/ZXf6ZWF/L/U4GxQ==\n-----END PUBLIC KEY-----\n';
const EXAMPLE_HEX =
  '3059301306072a8648ce3d020106082a8648ce3d03010703420004a1071537964e398676a69c9e390d7f326cc9c9c3c42555b9634f3b08adcf89f884fce8c0ec1bd1559bff127ecc3c040535d35e9b7fd95dfe99585fcbfd4e06c5';

export class RegisterMeterKeyDto {
  /**
   * The meter's public key: PEM (`-----BEGIN PUBLIC KEY-----`), hex of the DER
   * SubjectPublicKeyInfo (as the Transparenzsoftware takes it), or hex of the uncompressed point
   * (04‖x‖y). An EC key on P-256 (OCMF `ECDSA-secp256r1-SHA256`) or P-384.
   */
  @ApiProperty({ example: EXAMPLE_HEX, maxLength: 4000 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(4000)
  publicKey!: string;
}

/** A charger's registered meter public key. */
export class MeterKeyDto {
  @ApiProperty({ format: 'uuid', example: 'ed6b8e98-da3e-580f-bf78-bf1a47815a3f' })
  chargerId!: string;

  /** The OCMF signature algorithm of the key's curve. */
  @ApiProperty({ example: 'ECDSA-secp256r1-SHA256' })
  algorithm!: string;

  /** The key as PEM (SPKI). */
  @ApiProperty({ example: EXAMPLE_PEM })
  publicKey!: string;

  /** Hex of the DER SubjectPublicKeyInfo, lowercase: what the Transparenzsoftware takes. */
  @ApiProperty({ example: EXAMPLE_HEX })
  publicKeyHex!: string;

  /** Zaptec user id of who registered it. */
  @ApiProperty({ example: '2515f850-50af-5413-8466-7e77602b2c93' })
  registeredBy!: string;

  @ApiProperty({ format: 'date-time', example: '2026-03-02T10:15:00.000Z' })
  registeredAt!: string;
}
