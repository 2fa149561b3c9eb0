-- AlterTable
ALTER TABLE "BackfillJob" ADD COLUMN     "installations" INTEGER,
ADD COLUMN     "sessionsSeen" INTEGER NOT NULL DEFAULT 0;
