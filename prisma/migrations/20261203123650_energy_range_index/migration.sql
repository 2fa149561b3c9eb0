-- CreateIndex
CREATE INDEX "ChargeSession_installationId_endedAt_startedAt_idx" ON "ChargeSession"("installationId", "endedAt", "startedAt");
