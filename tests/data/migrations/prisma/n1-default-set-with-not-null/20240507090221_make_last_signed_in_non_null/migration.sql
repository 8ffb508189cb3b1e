-- Backfill
UPDATE "User" SET "lastSignedIn" = "createdAt" WHERE "lastSignedIn" IS NULL;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "lastSignedIn" SET NOT NULL,
ALTER COLUMN "lastSignedIn" SET DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "User" ALTER COLUMN "locale" SET NOT NULL;
