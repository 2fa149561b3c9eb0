-- CreateTable
CREATE TABLE "ChargerMeterKey" (
    "chargerId" UUID NOT NULL,
    "publicKey" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "registeredBy" TEXT NOT NULL,
    "registeredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChargerMeterKey_pkey" PRIMARY KEY ("chargerId")
);
