import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const getSQLFileData = (fileName: string, subDirPath?: string) =>
  readFileSync(resolve("src/sql", subDirPath ?? "", fileName), { encoding: "utf8" });
