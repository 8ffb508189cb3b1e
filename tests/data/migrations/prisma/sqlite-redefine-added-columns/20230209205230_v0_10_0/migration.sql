-- RedefineTables (pingvin-share, round AC)
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReverseShare" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "token" TEXT NOT NULL,
    "remainingUses" INTEGER NOT NULL,
    "creatorId" TEXT NOT NULL,
    CONSTRAINT "ReverseShare_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReverseShare" ("createdAt", "creatorId", "id", "token", "remainingUses") SELECT "createdAt", "creatorId", "id", "token", iif("ReverseShare".used, 0, 1) FROM "ReverseShare";
DROP TABLE "ReverseShare";
ALTER TABLE "new_ReverseShare" RENAME TO "ReverseShare";
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "username" TEXT NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "size" INTEGER NOT NULL,
    "note" TEXT
);
INSERT INTO "new_User" ("id", "size", "note") SELECT "id", CAST("size" AS INTEGER), "note" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE TABLE "new_Config" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "label" TEXT NOT NULL
);
INSERT INTO "new_Config" ("key", "label") SELECT "key", "description" FROM "Config";
DROP TABLE "Config";
ALTER TABLE "new_Config" RENAME TO "Config";
PRAGMA foreign_keys=ON;
