UPDATE "User" SET "name" = NULL WHERE "name" = '';
