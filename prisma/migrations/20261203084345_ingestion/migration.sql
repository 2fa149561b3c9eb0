-- CreateEnum
CREATE TYPE "BackfillStatus" AS ENUM ('PENDING', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- DropForeignKey
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_chargerId_fkey";

-- DropIndex
DROP INDEX "Observation_chargerId_observedAt_idx";

-- DropIndex
DROP INDEX "Observation_chargerId_stateId_observedAt_key";

-- AlterTable
ALTER TABLE "ChargeSession" ADD COLUMN     "sources" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Charger" ADD COLUMN     "lastSeenAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Installation" ADD COLUMN     "timeZone" TEXT;

-- AlterTable
ALTER TABLE "Observation" DROP CONSTRAINT "Observation_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "Observation_pkey" PRIMARY KEY ("chargerId", "stateId", "observedAt");

-- AlterTable
ALTER TABLE "SyncCursor" ADD COLUMN     "epoch" BIGINT NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "IngestionLeader" (
    "name" TEXT NOT NULL,
    "epoch" BIGINT NOT NULL,
    "holder" TEXT NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IngestionLeader_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "BackfillJob" (
    "id" UUID NOT NULL,
    "from" TIMESTAMPTZ(3) NOT NULL,
    "to" TIMESTAMPTZ(3),
    "installationId" UUID,
    "status" "BackfillStatus" NOT NULL DEFAULT 'PENDING',
    "epoch" BIGINT,
    "pagesDone" INTEGER NOT NULL DEFAULT 0,
    "pagesTotal" INTEGER,
    "sessionsNew" INTEGER NOT NULL DEFAULT 0,
    "sessionsUpdated" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clientSeenAt" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "BackfillJob_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "BackfillJob_status_requestedAt_idx" ON "BackfillJob"("status", "requestedAt");

-- CreateIndex
CREATE INDEX "ChargeSession_installationId_endedAt_id_idx" ON "ChargeSession"("installationId", "endedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ChargeSession_chargerId_endedAt_id_idx" ON "ChargeSession"("chargerId", "endedAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ChargeSession_userId_endedAt_id_idx" ON "ChargeSession"("userId", "endedAt" DESC, "id" DESC);
