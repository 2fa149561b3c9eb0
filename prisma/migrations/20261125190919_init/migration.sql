-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "SyncSource" AS ENUM ('CHARGE_HISTORY', 'CHARGER_STATE');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'API_KEY', 'SYSTEM');

-- CreateEnum
CREATE TYPE "AuditOutcome" AS ENUM ('SUCCEEDED', 'REJECTED', 'FAILED');

-- CreateTable
CREATE TABLE "Installation" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Charger" (
    "id" UUID NOT NULL,
    "installationId" UUID NOT NULL,
    "circuitId" UUID,
    "deviceId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deviceType" INTEGER NOT NULL,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Charger_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChargeSession" (
    "id" UUID NOT NULL,
    "chargerId" UUID NOT NULL,
    "installationId" UUID NOT NULL,
    "userId" UUID,
    "deviceId" TEXT NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "endedAt" TIMESTAMPTZ(3),
    "commitEndedAt" TIMESTAMPTZ(3),
    "energyKwh" DECIMAL(14,4) NOT NULL,
    "commitMetadata" INTEGER NOT NULL DEFAULT 0,
    "authenticationCode" TEXT,
    "tokenName" TEXT,
    "externalId" TEXT,
    "signedSession" TEXT,
    "energyDetails" JSONB,
    "replacedBySessionId" UUID,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUpdatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ChargeSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Observation" (
    "id" BIGSERIAL NOT NULL,
    "chargerId" UUID NOT NULL,
    "stateId" INTEGER NOT NULL,
    "observedAt" TIMESTAMPTZ(3) NOT NULL,
    "rawValue" TEXT NOT NULL,
    "numericValue" DOUBLE PRECISION,

    CONSTRAINT "Observation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncCursor" (
    "id" UUID NOT NULL,
    "source" "SyncSource" NOT NULL,
    "scopeId" UUID NOT NULL,
    "position" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SyncCursor_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "installationIds" UUID[],
    "roleMask" INTEGER NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RefreshToken" (
    "id" UUID NOT NULL,
    "familyId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "rotatedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "RefreshToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "installationId" UUID,
    "outcome" "AuditOutcome" NOT NULL,
    "details" JSONB,
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Charger_installationId_idx" ON "Charger"("installationId");

-- CreateIndex
CREATE INDEX "Charger_deviceId_idx" ON "Charger"("deviceId");

-- CreateIndex
CREATE INDEX "ChargeSession_installationId_startedAt_idx" ON "ChargeSession"("installationId", "startedAt");

-- CreateIndex
CREATE INDEX "ChargeSession_chargerId_startedAt_idx" ON "ChargeSession"("chargerId", "startedAt");

-- CreateIndex
CREATE INDEX "ChargeSession_userId_startedAt_idx" ON "ChargeSession"("userId", "startedAt");

-- CreateIndex
CREATE INDEX "Observation_chargerId_observedAt_idx" ON "Observation"("chargerId", "observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Observation_chargerId_stateId_observedAt_key" ON "Observation"("chargerId", "stateId", "observedAt");

-- CreateIndex
CREATE UNIQUE INDEX "SyncCursor_source_scopeId_key" ON "SyncCursor"("source", "scopeId");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_prefix_key" ON "ApiKey"("prefix");

-- CreateIndex
CREATE UNIQUE INDEX "RefreshToken_tokenHash_key" ON "RefreshToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RefreshToken_familyId_idx" ON "RefreshToken"("familyId");

-- CreateIndex
CREATE INDEX "RefreshToken_subject_idx" ON "RefreshToken"("subject");

-- CreateIndex
CREATE INDEX "AuditEvent_installationId_occurredAt_idx" ON "AuditEvent"("installationId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_targetId_occurredAt_idx" ON "AuditEvent"("targetId", "occurredAt");

-- AddForeignKey
ALTER TABLE "Charger" ADD CONSTRAINT "Charger_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargeSession" ADD CONSTRAINT "ChargeSession_chargerId_fkey" FOREIGN KEY ("chargerId") REFERENCES "Charger"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChargeSession" ADD CONSTRAINT "ChargeSession_installationId_fkey" FOREIGN KEY ("installationId") REFERENCES "Installation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Observation" ADD CONSTRAINT "Observation_chargerId_fkey" FOREIGN KEY ("chargerId") REFERENCES "Charger"("id") ON DELETE CASCADE ON UPDATE CASCADE;
