-- CreateTable
CREATE TABLE "AuthSession" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "upstreamToken" TEXT NOT NULL,
    "upstreamExpiresAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" TIMESTAMPTZ(3),
    "revokedReason" TEXT,

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthSession_subject_idx" ON "AuthSession"("subject");

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_familyId_fkey" FOREIGN KEY ("familyId") REFERENCES "AuthSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
